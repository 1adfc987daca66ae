CREATE RANGE INDEX death_classification_range IF NOT EXISTS
FOR (n:Death) ON (n.classification)
