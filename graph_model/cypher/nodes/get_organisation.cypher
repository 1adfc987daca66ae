MATCH (n:Organisation {id: $key})
RETURN properties(n) AS properties
