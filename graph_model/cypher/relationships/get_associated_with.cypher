MATCH (:Person {id: $source_id})-[r:ASSOCIATED_WITH]->(:Person {id: $target_id})
RETURN properties(r) AS properties
