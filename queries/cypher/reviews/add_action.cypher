// A learning point and its action, owned by an agency, due on a date; $action holds a
// LearningAction's properties.
MATCH (r:RapidReview {id: $action.review})
CREATE (a:LearningAction)
SET a = $action
CREATE (r)-[:HAS_ACTION]->(a)
RETURN properties(a) AS action
