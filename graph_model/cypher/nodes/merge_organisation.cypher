// Upsert Organisation nodes by natural key; $rows holds Organisation.to_properties() maps.
UNWIND $rows AS row
MERGE (n:Organisation {id: row.id})
SET n += row
RETURN count(n) AS written
