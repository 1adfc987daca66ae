MATCH (n:LoadRun {id: $key})
RETURN properties(n) AS properties
