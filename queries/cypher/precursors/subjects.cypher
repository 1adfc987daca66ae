// The people at the centre of a death or incident: victim / deceased and suspects, and its date.
OPTIONAL MATCH (d:Death {id: $id})
OPTIONAL MATCH (i:Incident {id: $id})
WITH coalesce(d, i) AS event, d IS NOT NULL AS is_death
WHERE event IS NOT NULL
OPTIONAL MATCH (p:Person)-[r:PARTY_TO|PARTY_TO_DEATH]->(event)
WHERE r.role IN ['victim', 'deceased', 'suspect', 'offender']
RETURN event.id AS id, is_death,
       CASE WHEN is_death THEN event.date_found ELSE event.occurred_on END AS date,
       collect(DISTINCT {person: p.id, role: r.role}) AS people
