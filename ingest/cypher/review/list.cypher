// Review pairs, strongest first, with both source records as they were recorded.
MATCH (r:LinkReview)
WHERE $status IS NULL OR r.status = $status
OPTIONAL MATCH (a:SourceRecord {id: r.record_a})
OPTIONAL MATCH (b:SourceRecord {id: r.record_b})
RETURN properties(r) AS review, properties(a) AS a, properties(b) AS b
ORDER BY r.probability DESC, r.id
LIMIT $limit
