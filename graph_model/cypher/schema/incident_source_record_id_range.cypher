CREATE RANGE INDEX incident_source_record_id_range IF NOT EXISTS
FOR (n:Incident) ON (n.source_record_id)
