// Record a person's decision on a pair of source records. The pair need not have been a review
// candidate: rejecting two records that were linked automatically splits a wrong merge.
MATCH (a:SourceRecord {id: $record_a})
MATCH (b:SourceRecord {id: $record_b})
MERGE (r:LinkReview {id: $id})
ON CREATE SET r.record_a = $record_a, r.record_b = $record_b, r.source_system = 'linkwatch',
              r.source_record_id = $id, r.marking = 'OFFICIAL-SENSITIVE'
SET r.status = $status, r.decided_by = $decided_by, r.decided_at = $decided_at, r.note = $note
RETURN properties(r) AS review
