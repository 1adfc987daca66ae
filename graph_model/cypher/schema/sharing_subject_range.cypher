CREATE RANGE INDEX sharing_subject_range IF NOT EXISTS
FOR (n:Sharing) ON (n.subject)
