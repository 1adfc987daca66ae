// Every record of these people, and the links among a person's records.
UNWIND $persons AS id
MATCH (p:Person {id: id})<-[:DESCRIBES]-(s:SourceRecord)
OPTIONAL MATCH (s)-[:LINKED_TO]->(t:SourceRecord)-[:DESCRIBES]->(p)
RETURN p.id AS person, properties(s) AS record, collect(t.id) AS linked
