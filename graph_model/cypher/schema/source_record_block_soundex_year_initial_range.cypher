CREATE RANGE INDEX source_record_block_soundex_year_initial_range IF NOT EXISTS
FOR (n:SourceRecord) ON (n.block_soundex_year_initial)
