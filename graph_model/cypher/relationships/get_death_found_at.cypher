MATCH (:Death {id: $source_id})-[r:FOUND_AT]->(:Place {id: $target_id})
RETURN properties(r) AS properties
