CREATE RANGE INDEX source_record_link_family_range IF NOT EXISTS
FOR (n:SourceRecord) ON (n.link_family)
