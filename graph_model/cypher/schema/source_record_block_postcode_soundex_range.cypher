CREATE RANGE INDEX source_record_block_postcode_soundex_range IF NOT EXISTS
FOR (n:SourceRecord) ON (n.block_postcode_soundex)
