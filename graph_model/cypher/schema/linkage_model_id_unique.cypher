CREATE CONSTRAINT linkage_model_id_unique IF NOT EXISTS
FOR (n:LinkageModel) REQUIRE n.id IS UNIQUE
