CREATE RANGE INDEX death_source_record_id_range IF NOT EXISTS
FOR (n:Death) ON (n.source_record_id)
