CREATE RANGE INDEX place_postcode_range IF NOT EXISTS
FOR (n:Place) ON (n.postcode)
