CREATE INDEX audit_entry_actor_range IF NOT EXISTS
FOR (n:AuditEntry) ON (n.actor)
