// The number and hash of the last entry.
OPTIONAL MATCH (h:AuditHead {id: 'audit'})
RETURN coalesce(h.seq, 0) AS seq, h.hash AS hash
