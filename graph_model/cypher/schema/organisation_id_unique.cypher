CREATE CONSTRAINT organisation_id_unique IF NOT EXISTS
FOR (n:Organisation) REQUIRE n.id IS UNIQUE
