// Upsert Person nodes by natural key; $rows holds Person.to_properties() maps.
UNWIND $rows AS row
MERGE (n:Person {id: row.id})
SET n += row
RETURN count(n) AS written
