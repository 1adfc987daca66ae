// Rapid reviews with their action counts, oldest event first.
MATCH (r:RapidReview)
OPTIONAL MATCH (r)-[:HAS_ACTION]->(a:LearningAction)
WITH r, count(a) AS actions, count(CASE WHEN a.status <> 'closed' THEN a END) AS open_actions
RETURN properties(r) AS review, actions, open_actions
ORDER BY r.event_date, r.id
