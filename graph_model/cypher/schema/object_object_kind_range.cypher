CREATE RANGE INDEX object_object_kind_range IF NOT EXISTS
FOR (n:Object) ON (n.object_kind)
