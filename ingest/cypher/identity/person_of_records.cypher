// The person each of these source records describes now.
UNWIND $keys AS key
MATCH (:SourceRecord {id: key})-[:DESCRIBES]->(p:Person)
RETURN key, p.id AS person
