CREATE RANGE INDEX person_nhs_number_range IF NOT EXISTS
FOR (n:Person) ON (n.nhs_number)
