MATCH (n:DataSource {id: $key})
RETURN properties(n) AS properties
