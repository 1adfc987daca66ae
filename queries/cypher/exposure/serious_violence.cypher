// Victims and perpetrators of serious violence before the reference date: homicide, attempted
// murder, or violence with injury involving a weapon.
MATCH (p:Person)-[r:PARTY_TO]->(i:Incident)
WHERE i.occurred_on < $as_of
  AND r.role IN ['victim', 'suspect', 'offender']
  AND (i.offence_category IN ['homicide', 'attempted_murder']
       OR (i.offence_category = 'violence_with_injury' AND 'weapon' IN coalesce(i.risk_markers, [])))
RETURN i.id AS incident, i.occurred_on AS occurred_on, i.offence_category AS offence, p.id AS person, r.role AS role
ORDER BY occurred_on, incident, person
