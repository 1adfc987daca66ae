MATCH (n:PersonAlias {id: $key})
RETURN properties(n) AS properties
