// People recorded as suspects or offenders on the same incident before the reference date.
MATCH (a:Person)-[ra:PARTY_TO]->(i:Incident)<-[rb:PARTY_TO]-(b:Person)
WHERE a.id < b.id AND i.occurred_on < $as_of
  AND ra.role IN ['suspect', 'offender'] AND rb.role IN ['suspect', 'offender']
RETURN a.id AS a, b.id AS b, count(DISTINCT i) AS incidents
