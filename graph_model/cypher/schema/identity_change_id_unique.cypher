CREATE CONSTRAINT identity_change_id_unique IF NOT EXISTS
FOR (n:IdentityChange) REQUIRE n.id IS UNIQUE
