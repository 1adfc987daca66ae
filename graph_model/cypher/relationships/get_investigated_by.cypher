MATCH (:Incident {id: $source_id})-[r:INVESTIGATED_BY]->(:Person {id: $target_id})
RETURN properties(r) AS properties
