CREATE RANGE INDEX death_apparent_cause_range IF NOT EXISTS
FOR (n:Death) ON (n.apparent_cause)
