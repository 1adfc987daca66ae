CREATE RANGE INDEX identity_change_survivor_range IF NOT EXISTS
FOR (n:IdentityChange) ON (n.survivor)
