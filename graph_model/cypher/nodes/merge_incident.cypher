// Upsert Incident nodes by natural key; $rows holds Incident.to_properties() maps.
UNWIND $rows AS row
MERGE (n:Incident {id: row.id})
SET n += row
RETURN count(n) AS written
