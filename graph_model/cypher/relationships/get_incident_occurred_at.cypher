MATCH (:Incident {id: $source_id})-[r:OCCURRED_AT]->(:Place {id: $target_id})
RETURN properties(r) AS properties
