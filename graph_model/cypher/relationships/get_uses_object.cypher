MATCH (:Person {id: $source_id})-[r:USES]->(:Object {id: $target_id})
RETURN properties(r) AS properties
