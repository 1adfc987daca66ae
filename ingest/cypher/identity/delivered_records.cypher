// The stored form of a delivery's person records that are already in the graph, and their person.
UNWIND $keys AS key
MATCH (s:SourceRecord {id: key})
OPTIONAL MATCH (s)-[:DESCRIBES]->(p:Person)
RETURN s.id AS key, s.linkage_json AS linkage_json, p.id AS person
