// Upsert OCCURRED_AT (Incident -> Place); returns the indexes of rows written,
// so rows whose ends are missing can be reported.
UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
MATCH (source:Incident {id: row.source_id})
MATCH (target:Place {id: row.target_id})
MERGE (source)-[r:OCCURRED_AT]->(target)
SET r += row.properties
RETURN collect(i) AS written
