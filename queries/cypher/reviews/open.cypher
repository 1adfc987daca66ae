// Open a rapid review of a death or incident (or return the one already open for it).
MATCH (event:Death|Incident {id: $event})
MERGE (r:RapidReview {id: $id})
ON CREATE SET r.event = $event, r.event_date = $event_date, r.opened_at = datetime(),
              r.opened_by = $opened_by, r.initial_due = $initial_due, r.report_due = $report_due,
              r.status = 'open', r.marking = 'OFFICIAL-SENSITIVE'
MERGE (r)-[:REVIEWS]->(event)
RETURN properties(r) AS review
