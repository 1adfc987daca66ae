CREATE CONSTRAINT person_alias_id_unique IF NOT EXISTS
FOR (n:PersonAlias) REQUIRE n.id IS UNIQUE
