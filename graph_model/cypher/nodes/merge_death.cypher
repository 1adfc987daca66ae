// Upsert Death nodes by natural key; $rows holds Death.to_properties() maps.
UNWIND $rows AS row
MERGE (n:Death {id: row.id})
SET n += row
RETURN count(n) AS written
