// Upsert Object nodes by natural key; $rows holds PoleObject.to_properties() maps.
UNWIND $rows AS row
MERGE (n:Object {id: row.id})
SET n += row
RETURN count(n) AS written
