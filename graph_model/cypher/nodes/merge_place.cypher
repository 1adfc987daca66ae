// Upsert Place nodes by natural key; $rows holds Place.to_properties() maps.
UNWIND $rows AS row
MERGE (n:Place {id: row.id})
SET n += row
RETURN count(n) AS written
