MATCH (n:Death {id: $key})
RETURN properties(n) AS properties
