MATCH (:Place {id: $source_id})-[r:WITHIN]->(:Place {id: $target_id})
RETURN properties(r) AS properties
