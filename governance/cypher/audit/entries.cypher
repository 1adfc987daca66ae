// Audit entries in order, optionally only those about one person or by one actor.
MATCH (e:AuditEntry)
WHERE e.seq > $after
  AND ($person IS NULL OR $person IN e.people)
  AND ($actor IS NULL OR e.actor = $actor)
RETURN e {.*} AS entry
ORDER BY e.seq
LIMIT $limit
