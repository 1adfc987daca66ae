CREATE CONSTRAINT data_source_id_unique IF NOT EXISTS
FOR (n:DataSource) REQUIRE n.id IS UNIQUE
