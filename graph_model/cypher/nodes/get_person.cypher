MATCH (n:Person {id: $key})
RETURN properties(n) AS properties
