CREATE CONSTRAINT api_user_name_unique IF NOT EXISTS
FOR (n:ApiUser) REQUIRE n.name IS UNIQUE
