CREATE RANGE INDEX identity_change_kind_range IF NOT EXISTS
FOR (n:IdentityChange) ON (n.kind)
