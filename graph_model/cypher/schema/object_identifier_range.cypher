CREATE RANGE INDEX object_identifier_range IF NOT EXISTS
FOR (n:Object) ON (n.identifier)
