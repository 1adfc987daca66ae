// Audit entries in order, optionally only those about one person (under any of their ids) or
// by one actor.
MATCH (e:AuditEntry)
WHERE e.seq > $after
  AND ($people IS NULL OR any(id IN $people WHERE id IN e.people))
  AND ($actor IS NULL OR e.actor = $actor)
RETURN e {.*} AS entry
ORDER BY e.seq
LIMIT $limit
