// Upsert HAD_CONTACT (Person -> PartnerContact). Returns the indexes of the rows
// written (so rows whose ends are missing can be reported) and how many were unchanged.
UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
MATCH (source:Person {id: row.source_id})
MATCH (target:PartnerContact {id: row.target_id})
MERGE (source)-[r:HAD_CONTACT]->(target)
WITH i, r, row, r.content_hash = row.properties.content_hash AS unchanged
FOREACH (_ IN CASE WHEN unchanged THEN [] ELSE [1] END | SET r += row.properties)
RETURN collect(i) AS written, sum(CASE WHEN unchanged THEN 1 ELSE 0 END) AS unchanged
