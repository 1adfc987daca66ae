CREATE CONSTRAINT source_record_id_unique IF NOT EXISTS
FOR (n:SourceRecord) REQUIRE n.id IS UNIQUE
