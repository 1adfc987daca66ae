// Upsert SourceRecord nodes by natural key; $rows holds SourceRecord.to_properties() maps.
UNWIND $rows AS row
MERGE (n:SourceRecord {id: row.id})
SET n += row
RETURN count(n) AS written
