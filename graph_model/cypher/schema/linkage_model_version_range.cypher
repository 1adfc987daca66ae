CREATE RANGE INDEX linkage_model_version_range IF NOT EXISTS
FOR (n:LinkageModel) ON (n.version)
