CREATE RANGE INDEX source_record_block_soundexes_district_range IF NOT EXISTS
FOR (n:SourceRecord) ON (n.block_soundexes_district)
