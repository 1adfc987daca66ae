CREATE RANGE INDEX person_family_name_range IF NOT EXISTS
FOR (n:Person) ON (n.family_name)
