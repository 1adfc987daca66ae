CREATE RANGE INDEX death_date_found_range IF NOT EXISTS
FOR (n:Death) ON (n.date_found)
