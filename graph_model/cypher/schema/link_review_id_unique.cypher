CREATE CONSTRAINT link_review_id_unique IF NOT EXISTS
FOR (n:LinkReview) REQUIRE n.id IS UNIQUE
