// Upsert ASSOCIATED_WITH (Person -> Person); returns the indexes of rows written,
// so rows whose ends are missing can be reported.
UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
MATCH (source:Person {id: row.source_id})
MATCH (target:Person {id: row.target_id})
MERGE (source)-[r:ASSOCIATED_WITH {kind: row.properties.kind}]->(target)
SET r += row.properties
RETURN collect(i) AS written
