CREATE RANGE INDEX data_source_name_range IF NOT EXISTS
FOR (n:DataSource) ON (n.name)
