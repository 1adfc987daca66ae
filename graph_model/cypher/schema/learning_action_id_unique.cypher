CREATE CONSTRAINT learning_action_id_unique IF NOT EXISTS
FOR (n:LearningAction) REQUIRE n.id IS UNIQUE
