// Incidents in a date range, keyset-paged by (occurred_on, id).
MATCH (i:Incident)
WHERE ($from IS NULL OR i.occurred_on >= $from) AND ($to IS NULL OR i.occurred_on <= $to)
  AND ($after_date IS NULL OR i.occurred_on > $after_date
       OR (i.occurred_on = $after_date AND i.id > $after_id))
  AND ($offence IS NULL OR i.offence_category = $offence)
OPTIONAL MATCH (i)-[:OCCURRED_AT]->(place:Place)
OPTIONAL MATCH (party:Person)-[:PARTY_TO]->(i)
RETURN i.id AS id, i.occurred_on AS date, i.offence_category AS category,
       i.outcome AS classification, place.id AS place, collect(DISTINCT party.id) AS people
ORDER BY date, id
LIMIT $limit
