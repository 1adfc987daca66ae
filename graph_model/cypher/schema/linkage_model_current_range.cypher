CREATE RANGE INDEX linkage_model_current_range IF NOT EXISTS
FOR (n:LinkageModel) ON (n.current)
