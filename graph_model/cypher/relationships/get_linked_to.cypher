MATCH (:SourceRecord {id: $source_id})-[r:LINKED_TO]->(:SourceRecord {id: $target_id})
RETURN properties(r) AS properties
