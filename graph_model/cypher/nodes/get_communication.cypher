MATCH (n:Communication {id: $key})
RETURN properties(n) AS properties
