CREATE RANGE INDEX person_alias_person_id_range IF NOT EXISTS
FOR (n:PersonAlias) ON (n.person_id)
