// Upsert OBJECT_IN (Object -> Death); returns the indexes of rows written,
// so rows whose ends are missing can be reported.
UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
MATCH (source:Object {id: row.source_id})
MATCH (target:Death {id: row.target_id})
MERGE (source)-[r:OBJECT_IN]->(target)
SET r += row.properties
RETURN collect(i) AS written
