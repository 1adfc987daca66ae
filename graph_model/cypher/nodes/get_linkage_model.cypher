MATCH (n:LinkageModel {id: $key})
RETURN properties(n) AS properties
