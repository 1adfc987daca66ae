CREATE RANGE INDEX source_record_source_system_range IF NOT EXISTS
FOR (n:SourceRecord) ON (n.source_system)
