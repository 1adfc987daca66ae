// Victim-suspect pairs named together on domestic incidents before a date, with each incident's
// offence, markers and date, and whether a homicide or attempted murder between them exists.
MATCH (v:Person)-[:PARTY_TO {role: 'victim'}]->(i:Incident)<-[s:PARTY_TO]-(p:Person)
WHERE i.domestic AND s.role IN ['suspect', 'offender'] AND i.occurred_on < $as_of AND v <> p
RETURN v.id AS victim, p.id AS suspect,
       collect({incident: i.id, date: i.occurred_on, offence: i.offence_category,
                markers: coalesce(i.risk_markers, [])}) AS incidents
