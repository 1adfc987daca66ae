CREATE POINT INDEX place_location_point IF NOT EXISTS
FOR (n:Place) ON (n.location)
