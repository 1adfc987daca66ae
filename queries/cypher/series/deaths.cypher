// Every death report (optionally within dates, and only what was recorded by $as_of) with what
// links deaths: place, cause, substances, the deceased's profile, the people in other roles,
// and missing objects together with any incident, by $as_of, in which they were recovered.
MATCH (d:Death)
WHERE ($from IS NULL OR d.date_found >= $from) AND ($to IS NULL OR d.date_found <= $to)
  AND ($as_of IS NULL OR d.date_found <= $as_of)
OPTIONAL MATCH (d)-[:FOUND_AT]->(place:Place)
OPTIONAL MATCH (deceased:Person)-[:PARTY_TO_DEATH {role: 'deceased'}]->(d)
CALL (d) {
  OPTIONAL MATCH (p:Person)-[r:PARTY_TO_DEATH]->(d)
  WHERE r.role <> 'deceased'
  RETURN collect(DISTINCT {person: p.id, role: r.role}) AS roles
}
CALL (d) {
  OPTIONAL MATCH (o:Object)-[:OBJECT_IN]->(d)
  OPTIONAL MATCH (o)-[:OBJECT_IN]->(i:Incident)
  WHERE $as_of IS NULL OR i.occurred_on <= $as_of
  RETURN collect(DISTINCT o.id) AS objects, collect(DISTINCT i.id) AS recovered_in
}
RETURN d.id AS id, d.date_found AS date_found, d.found_at AS found_at, d.apparent_cause AS cause,
       coalesce(d.substances, []) AS substances, d.classification AS classification,
       place.id AS place, place.place_type AS place_type, place.address AS address,
       place.location.latitude AS latitude, place.location.longitude AS longitude,
       deceased.id AS deceased, deceased.sex AS sex, deceased.date_of_birth AS date_of_birth,
       [x IN roles WHERE x.person IS NOT NULL] AS roles, objects, recovered_in
ORDER BY d.date_found, d.id
