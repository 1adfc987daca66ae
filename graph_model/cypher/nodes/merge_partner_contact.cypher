// Upsert PartnerContact nodes by natural key; $rows holds PartnerContact.to_properties() maps.
UNWIND $rows AS row
MERGE (n:PartnerContact {id: row.id})
SET n += row
RETURN count(n) AS written
