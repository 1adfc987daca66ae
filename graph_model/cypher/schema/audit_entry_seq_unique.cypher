CREATE CONSTRAINT audit_entry_seq_unique IF NOT EXISTS
FOR (n:AuditEntry) REQUIRE n.seq IS UNIQUE
