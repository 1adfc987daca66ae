MATCH (:Object {id: $source_id})-[r:CALL_PARTY]->(:Communication {id: $target_id})
RETURN properties(r) AS properties
