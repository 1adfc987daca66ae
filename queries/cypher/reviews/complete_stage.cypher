// Record that the initial review or the report is done.
MATCH (r:RapidReview {id: $id})
SET r.initial_done = CASE WHEN $stage = 'initial' THEN $on ELSE r.initial_done END,
    r.report_done = CASE WHEN $stage = 'report' THEN $on ELSE r.report_done END,
    r.status = CASE WHEN $stage = 'report' THEN 'reported' ELSE r.status END
RETURN properties(r) AS review
