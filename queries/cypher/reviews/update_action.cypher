// Change an action's status (with evidence of completion when closing); returns before/after.
MATCH (a:LearningAction {id: $id})
WITH a, a.status AS before
SET a.status = $status, a.evidence = coalesce($evidence, a.evidence),
    a.closed_on = CASE WHEN $status = 'closed' THEN $on ELSE null END,
    a.updated_at = datetime(), a.updated_by = $by
RETURN before, properties(a) AS action
