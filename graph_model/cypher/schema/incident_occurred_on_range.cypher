CREATE RANGE INDEX incident_occurred_on_range IF NOT EXISTS
FOR (n:Incident) ON (n.occurred_on)
