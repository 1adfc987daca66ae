CREATE RANGE INDEX person_date_of_birth_range IF NOT EXISTS
FOR (n:Person) ON (n.date_of_birth)
