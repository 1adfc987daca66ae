MATCH (:Person {id: $source_id})-[r:PARTY_TO]->(:Incident {id: $target_id})
RETURN properties(r) AS properties
