MATCH (n:LinkReview {id: $key})
RETURN properties(n) AS properties
