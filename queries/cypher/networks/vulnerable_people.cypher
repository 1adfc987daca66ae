// People party to no crime who are associated with many who are (POLE's "vulnerable people"),
// through ties of the kinds in $ties (null: every kind; ['associate'] is POLE's KNOWS only).
MATCH (v:Person)-[a:ASSOCIATED_WITH]-(o:Person)-[r:PARTY_TO]->(:Incident)
WHERE NOT (v)-[:PARTY_TO]->(:Incident) AND r.role IN ['suspect', 'offender', 'party']
  AND ($ties IS NULL OR a.kind IN $ties)
WITH v, count(DISTINCT o) AS associates_party_to_crime, collect(DISTINCT a.kind) AS tie_kinds,
     collect(DISTINCT o.id)[0..20] AS associates
WHERE associates_party_to_crime >= $minimum
RETURN v.id AS person, associates_party_to_crime, tie_kinds, associates
ORDER BY associates_party_to_crime DESC, person
LIMIT $limit
