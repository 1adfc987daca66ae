CREATE RANGE INDEX identity_change_changed_at_range IF NOT EXISTS
FOR (n:IdentityChange) ON (n.changed_at)
