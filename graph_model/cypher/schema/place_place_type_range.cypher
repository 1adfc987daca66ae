CREATE RANGE INDEX place_place_type_range IF NOT EXISTS
FOR (n:Place) ON (n.place_type)
