MATCH (n:Incident {id: $key})
RETURN properties(n) AS properties
