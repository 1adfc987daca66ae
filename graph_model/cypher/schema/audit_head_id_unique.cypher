CREATE CONSTRAINT audit_head_id_unique IF NOT EXISTS
FOR (n:AuditHead) REQUIRE n.id IS UNIQUE
