// People with a family or household tie to someone who was party to violent crime (as suspect,
// offender or unspecified party), with the relative, the kinds of tie and the crimes: POLE's
// "dangerous family associates". $person limits the answer to one person when it is not null.
MATCH (p:Person)-[f:ASSOCIATED_WITH]-(relative:Person)-[r:PARTY_TO]->(i:Incident)
WHERE ($person IS NULL OR p.id = $person)
  AND f.kind IN $family_kinds
  AND r.role IN ['suspect', 'offender', 'party']
  AND i.offence_category IN $violent_offences
  AND ($date_from IS NULL OR i.occurred_on >= $date_from)
  AND ($date_to IS NULL OR i.occurred_on <= $date_to)
WITH p, relative, collect(DISTINCT f.kind) AS ties,
     collect(DISTINCT {incident: i.id, occurred_on: i.occurred_on, offence: i.offence_category,
                       role: r.role}) AS crimes
WITH p, relative, ties, crimes
ORDER BY size(crimes) DESC, relative.id
WITH p, count(relative) AS dangerous_relatives, sum(size(crimes)) AS crimes_total,
     collect({relative: relative.id, ties: ties, crime_count: size(crimes), crimes: crimes[0..10]})[0..10] AS relatives
RETURN p.id AS person, dangerous_relatives, crimes_total, relatives,
       EXISTS { (p)-[pr:PARTY_TO]->(:Incident) WHERE pr.role IN ['suspect', 'offender', 'party'] } AS party_to_crime
ORDER BY dangerous_relatives DESC, crimes_total DESC, person
LIMIT $limit
