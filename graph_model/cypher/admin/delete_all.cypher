// Empties the intelligence graph in batches (schema is kept). API users and the audit log are
// kept: the log is append-only, and a reset is itself recorded in it. Needs an implicit
// transaction.
MATCH (n)
WHERE NOT (n:ApiUser OR n:AuditEntry OR n:AuditHead)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
