// Take the audit log's write lock (the head node) and read the last entry's number and hash.
// Every append runs this first in its transaction, so appends are strictly serialised.
MERGE (h:AuditHead {id: 'audit'})
ON CREATE SET h.seq = 0, h.hash = $genesis
SET h.locked_at = datetime()
RETURN h.seq AS seq, h.hash AS hash
