CREATE CONSTRAINT api_user_key_id_unique IF NOT EXISTS
FOR (n:ApiUser) REQUIRE n.key_id IS UNIQUE
