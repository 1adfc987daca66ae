MATCH (n:IdentityChange {id: $key})
RETURN properties(n) AS properties
