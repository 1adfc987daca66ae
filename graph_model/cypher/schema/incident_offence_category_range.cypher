CREATE RANGE INDEX incident_offence_category_range IF NOT EXISTS
FOR (n:Incident) ON (n.offence_category)
