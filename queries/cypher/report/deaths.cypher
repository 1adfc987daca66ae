// Death reports found in [$from, $to], optionally in one policing area, with the coded facts a
// report counts: place, deceased's sex and age, cause, classification, outcome, status, and the
// time found where the source recorded it.
MATCH (d:Death)
WHERE d.date_found >= $from AND d.date_found <= $to
OPTIONAL MATCH (d)-[:FOUND_AT]->(place:Place)
WITH d, place
WHERE $area IS NULL OR place.area = $area
OPTIONAL MATCH (deceased:Person)-[:PARTY_TO_DEATH {role: 'deceased'}]->(d)
WITH d, place, head(collect(deceased)) AS person
RETURN d.id AS id, d.date_found AS date_found, d.found_at AS found_at, d.apparent_cause AS cause,
       coalesce(d.substances, []) AS substances, d.classification AS classification,
       d.coroner_outcome AS coroner_outcome, d.investigation_status AS investigation_status,
       place.area AS area, place.place_type AS place_type,
       place.location.latitude AS latitude, place.location.longitude AS longitude,
       person.id AS deceased, person.sex AS sex, person.date_of_birth AS date_of_birth
ORDER BY date_found, id
