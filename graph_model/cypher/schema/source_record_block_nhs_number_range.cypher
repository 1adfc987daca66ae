CREATE RANGE INDEX source_record_block_nhs_number_range IF NOT EXISTS
FOR (n:SourceRecord) ON (n.block_nhs_number)
