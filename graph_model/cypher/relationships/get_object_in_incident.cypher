MATCH (:Object {id: $source_id})-[r:OBJECT_IN]->(:Incident {id: $target_id})
RETURN properties(r) AS properties
