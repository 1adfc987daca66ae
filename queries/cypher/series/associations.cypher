// Association ties within two hops of the given people (the neighbourhood that can link deaths).
UNWIND $people AS pid
MATCH (p:Person {id: pid})-[:ASSOCIATED_WITH]-(first:Person)
OPTIONAL MATCH (first)-[:ASSOCIATED_WITH]-(second:Person)
WITH collect(DISTINCT [p.id, first.id]) + collect(DISTINCT [first.id, second.id]) AS pairs
UNWIND pairs AS pair
WITH pair WHERE pair[1] IS NOT NULL
RETURN DISTINCT pair[0] AS a, pair[1] AS b
