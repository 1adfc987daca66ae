MATCH (n:Place {id: $key})
RETURN properties(n) AS properties
