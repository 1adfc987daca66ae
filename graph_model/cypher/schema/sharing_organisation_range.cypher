CREATE RANGE INDEX sharing_organisation_range IF NOT EXISTS
FOR (n:Sharing) ON (n.organisation)
