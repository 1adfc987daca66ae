MATCH (r:LinkReview)
WHERE r.status IN ['accepted', 'rejected']
RETURN r.record_a AS record_a, r.record_b AS record_b, r.status = 'accepted' AS accepted
ORDER BY r.id
