// Death reports in a date range, keyset-paged by (date_found, id).
MATCH (d:Death)
WHERE ($from IS NULL OR d.date_found >= $from) AND ($to IS NULL OR d.date_found <= $to)
  AND ($after_date IS NULL OR d.date_found > $after_date
       OR (d.date_found = $after_date AND d.id > $after_id))
  AND ($classification IS NULL OR d.classification = $classification)
OPTIONAL MATCH (d)-[:FOUND_AT]->(place:Place)
OPTIONAL MATCH (deceased:Person)-[:PARTY_TO_DEATH {role: 'deceased'}]->(d)
RETURN d.id AS id, d.date_found AS date, d.classification AS classification,
       d.apparent_cause AS category, place.id AS place, collect(deceased.id) AS people
ORDER BY date, id
LIMIT $limit
