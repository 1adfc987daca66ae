MATCH (:Person {id: $source_id})-[r:PARTY_TO_DEATH]->(:Death {id: $target_id})
RETURN properties(r) AS properties
