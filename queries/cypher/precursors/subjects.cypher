// The people at the centre of a death or incident, each with every role they hold on it, and
// its date (and date-time, if recorded): a death's people in $death_roles, an incident's in $incident_roles.
OPTIONAL MATCH (d:Death {id: $id})
OPTIONAL MATCH (i:Incident {id: $id})
WITH coalesce(d, i) AS event, d IS NOT NULL AS is_death
WHERE event IS NOT NULL
OPTIONAL MATCH (p:Person)-[r:PARTY_TO|PARTY_TO_DEATH]->(event)
WHERE r.role IN CASE WHEN is_death THEN $death_roles ELSE $incident_roles END
WITH event, is_death, p, collect(DISTINCT r.role) AS roles
RETURN event.id AS id, is_death,
       CASE WHEN is_death THEN event.date_found ELSE event.occurred_on END AS date,
       CASE WHEN is_death THEN event.found_at ELSE event.occurred_at END AS at,
       collect(CASE WHEN p IS NULL THEN null ELSE {person: p.id, roles: roles} END) AS people
