// A learning point and its action, owned by an agency, due on a date.
MATCH (r:RapidReview {id: $review})
CREATE (a:LearningAction {id: $id, review: $review, learning: $learning, action: $action,
                          owner: $owner, agency: $agency, theme: $theme, due: $due,
                          status: 'open', created_at: datetime(), created_by: $by,
                          marking: 'OFFICIAL-SENSITIVE'})
CREATE (r)-[:HAS_ACTION]->(a)
RETURN properties(a) AS action
