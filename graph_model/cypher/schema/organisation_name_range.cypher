CREATE RANGE INDEX organisation_name_range IF NOT EXISTS
FOR (n:Organisation) ON (n.name)
