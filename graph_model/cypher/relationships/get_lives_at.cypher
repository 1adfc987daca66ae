MATCH (:Person {id: $source_id})-[r:LIVES_AT]->(:Place {id: $target_id})
RETURN properties(r) AS properties
