// Open a rapid review of a death or incident (or return the one already open for it); $review
// holds a RapidReview's properties.
MATCH (event:Death|Incident {id: $review.event})
MERGE (r:RapidReview {id: $review.id})
ON CREATE SET r = $review
MERGE (r)-[:REVIEWS]->(event)
RETURN properties(r) AS review
