// Upsert LoadRun nodes by natural key; $rows holds LoadRun.to_properties() maps.
UNWIND $rows AS row
MERGE (n:LoadRun {id: row.id})
SET n += row
RETURN count(n) AS written
