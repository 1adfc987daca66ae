CREATE RANGE INDEX person_source_record_id_range IF NOT EXISTS
FOR (n:Person) ON (n.source_record_id)
