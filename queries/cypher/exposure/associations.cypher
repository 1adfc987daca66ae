// Person-to-person ties known by the reference date.
MATCH (a:Person)-[r:ASSOCIATED_WITH]->(b:Person)
WHERE r.since IS NULL OR r.since <= $as_of
RETURN a.id AS a, b.id AS b, r.kind AS kind
