MATCH (:Object {id: $source_id})-[r:OBJECT_IN]->(:Death {id: $target_id})
RETURN properties(r) AS properties
