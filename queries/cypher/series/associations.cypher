// Association ties within two hops of the given people (the neighbourhood that can link deaths),
// leaving out ties that began after $as_of (a tie with no start date is kept).
UNWIND $people AS pid
MATCH (p:Person {id: pid})-[r1:ASSOCIATED_WITH]-(first:Person)
WHERE $as_of IS NULL OR r1.since IS NULL OR r1.since <= $as_of
OPTIONAL MATCH (first)-[r2:ASSOCIATED_WITH]-(second:Person)
WHERE $as_of IS NULL OR r2.since IS NULL OR r2.since <= $as_of
WITH collect(DISTINCT [p.id, first.id]) + collect(DISTINCT [first.id, second.id]) AS pairs
UNWIND pairs AS pair
WITH pair WHERE pair[1] IS NOT NULL
RETURN DISTINCT pair[0] AS a, pair[1] AS b
