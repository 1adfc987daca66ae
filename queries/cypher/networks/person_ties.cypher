// Person-to-person ties of every kind known by the reference date ($as_of may be null: all),
// with co-offending on the same incident as its own kind; with $ties set, only those kinds.
CALL () {
  MATCH (a:Person)-[r:ASSOCIATED_WITH]->(b:Person)
  WHERE a <> b AND ($as_of IS NULL OR r.since IS NULL OR r.since <= $as_of)
    AND ($ties IS NULL OR r.kind IN $ties)
  RETURN a.id AS a, b.id AS b, r.kind AS kind
  UNION
  MATCH (a:Person)-[ra:PARTY_TO]->(i:Incident)<-[rb:PARTY_TO]-(b:Person)
  WHERE ($ties IS NULL OR 'co_offender' IN $ties)
    AND a.id < b.id AND ($as_of IS NULL OR i.occurred_on <= $as_of)
    AND ra.role IN ['suspect', 'offender', 'party'] AND rb.role IN ['suspect', 'offender', 'party']
  RETURN DISTINCT a.id AS a, b.id AS b, 'co_offender' AS kind
}
RETURN a, b, kind
