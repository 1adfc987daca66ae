CREATE RANGE INDEX source_record_source_record_id_range IF NOT EXISTS
FOR (n:SourceRecord) ON (n.source_record_id)
