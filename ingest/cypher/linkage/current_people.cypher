// Which person each of these source records describes now, and every record that person has.
UNWIND $keys AS key
MATCH (:SourceRecord {id: key})-[:DESCRIBES]->(p:Person)
WITH DISTINCT p
MATCH (s:SourceRecord)-[:DESCRIBES]->(p)
RETURN p.id AS person, collect(s.id) AS records
