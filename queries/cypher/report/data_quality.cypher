// What the report rests on: each source's latest completed load and counts, and the
// record-linkage pairs still awaiting a person's decision.
CALL () {
  MATCH (r:LoadRun {status: 'completed'})
  RETURN r.mapping AS mapping, r.finished_at AS finished_at, r.counts_json AS counts
  ORDER BY r.finished_at DESC
  LIMIT 20
}
WITH collect({mapping: mapping, finished_at: finished_at, counts: counts}) AS runs
OPTIONAL MATCH (review:LinkReview {status: 'pending'})
RETURN runs, count(review) AS pending_reviews
