CREATE CONSTRAINT communication_id_unique IF NOT EXISTS
FOR (n:Communication) REQUIRE n.id IS UNIQUE
