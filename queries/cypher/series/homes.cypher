// Recorded homes, with coordinates, of people named on death reports (known by $as_of).
UNWIND $people AS pid
MATCH (p:Person {id: pid})-[r:LIVES_AT]->(home:Place)
WHERE home.location IS NOT NULL AND ($as_of IS NULL OR r.since IS NULL OR r.since <= $as_of)
RETURN DISTINCT p.id AS person, home.id AS place, home.location.latitude AS latitude,
       home.location.longitude AS longitude, r.since AS since, r.until AS until
ORDER BY person, place
