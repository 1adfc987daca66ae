// Every learning action with its review's event date.
MATCH (r:RapidReview)-[:HAS_ACTION]->(a:LearningAction)
RETURN properties(a) AS action, r.event AS event, r.event_date AS event_date
ORDER BY a.due, a.id
