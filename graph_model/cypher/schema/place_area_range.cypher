CREATE RANGE INDEX place_area_range IF NOT EXISTS
FOR (n:Place) ON (n.area)
