// One rapid review and its actions.
MATCH (r:RapidReview {id: $id})
OPTIONAL MATCH (r)-[:HAS_ACTION]->(a:LearningAction)
RETURN properties(r) AS review, collect(properties(a)) AS actions
