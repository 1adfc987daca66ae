MATCH (n:Object {id: $key})
RETURN properties(n) AS properties
