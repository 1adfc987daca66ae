CREATE RANGE INDEX source_record_link_given_range IF NOT EXISTS
FOR (n:SourceRecord) ON (n.link_given)
