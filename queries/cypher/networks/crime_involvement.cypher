// For each given person: crimes they were party to as suspect, offender or unspecified party,
// and how many of those were violent.
UNWIND $ids AS id
MATCH (p:Person {id: id})
OPTIONAL MATCH (p)-[r:PARTY_TO]->(i:Incident)
WHERE r.role IN ['suspect', 'offender', 'party'] AND ($as_of IS NULL OR i.occurred_on <= $as_of)
RETURN p.id AS person, count(DISTINCT i) AS crimes,
       count(DISTINCT CASE WHEN i.offence_category IN $violent_offences THEN i END) AS violent_crimes
