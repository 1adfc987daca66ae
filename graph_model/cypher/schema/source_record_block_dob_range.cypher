CREATE RANGE INDEX source_record_block_dob_range IF NOT EXISTS
FOR (n:SourceRecord) ON (n.block_dob)
