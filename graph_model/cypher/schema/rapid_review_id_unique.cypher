CREATE CONSTRAINT rapid_review_id_unique IF NOT EXISTS
FOR (n:RapidReview) REQUIRE n.id IS UNIQUE
