// Incidents, up to $as_of, in which people named on death reports were suspects or offenders.
UNWIND $people AS pid
MATCH (p:Person {id: pid})-[r:PARTY_TO]->(i:Incident)
WHERE r.role IN ['suspect', 'offender'] AND ($as_of IS NULL OR i.occurred_on <= $as_of)
RETURN DISTINCT p.id AS person, i.id AS incident, i.occurred_on AS occurred_on,
       i.offence_category AS category
ORDER BY person, occurred_on, incident
