// Append one entry and move the head to it (same transaction as lock_head).
MATCH (h:AuditHead {id: 'audit'})
CREATE (e:AuditEntry)
SET e = $entry
SET h.seq = $entry.seq, h.hash = $entry.hash
