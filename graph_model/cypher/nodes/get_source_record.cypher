MATCH (n:SourceRecord {id: $key})
RETURN properties(n) AS properties
