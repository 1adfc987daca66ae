MATCH (a:Person {id: $a})-[ra:ASSOCIATED_WITH]-(c:Person)-[rb:ASSOCIATED_WITH]-(b:Person {id: $b})
WHERE c <> a AND c <> b
RETURN c.id AS person, collect(DISTINCT ra.kind) AS tie_to_a, collect(DISTINCT rb.kind) AS tie_to_b
ORDER BY person
