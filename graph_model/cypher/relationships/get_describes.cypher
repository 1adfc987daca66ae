MATCH (:SourceRecord {id: $source_id})-[r:DESCRIBES]->(:Person {id: $target_id})
RETURN properties(r) AS properties
