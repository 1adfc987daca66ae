// The people the given source records describe: whom a record-linkage pair is about.
UNWIND $records AS record
MATCH (:SourceRecord {id: record})-[:DESCRIBES]->(p:Person)
RETURN DISTINCT p.id AS id
ORDER BY id
