MATCH (n:Sharing {id: $key})
RETURN properties(n) AS properties
