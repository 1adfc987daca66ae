// Upsert RECORDED_BY (PartnerContact -> Organisation); returns the indexes of rows written,
// so rows whose ends are missing can be reported.
UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
MATCH (source:PartnerContact {id: row.source_id})
MATCH (target:Organisation {id: row.target_id})
MERGE (source)-[r:RECORDED_BY]->(target)
SET r += row.properties
RETURN collect(i) AS written
