// People involved in several incidents in a period, by role.
MATCH (p:Person)-[r:PARTY_TO]->(i:Incident)
WHERE i.occurred_on >= $from AND i.occurred_on < $to AND r.role IN ['victim', 'suspect', 'offender']
WITH p, CASE r.role WHEN 'victim' THEN 'victim' ELSE 'perpetrator' END AS side, collect(DISTINCT i.id) AS incidents
WHERE size(incidents) >= $minimum
RETURN p.id AS person, side, size(incidents) AS times, incidents[0..20] AS incidents
ORDER BY times DESC, person
