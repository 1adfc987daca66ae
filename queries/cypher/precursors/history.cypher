// Everything recorded about these people before a date: police incidents (with roles and
// markers) and partner-agency contacts, each with the agency that held it.
UNWIND $people AS pid
MATCH (p:Person {id: pid})
CALL (p) {
  MATCH (p)-[r:PARTY_TO]->(i:Incident)
  WHERE i.occurred_on < $before AND i.occurred_on >= $since
  RETURN i.id AS event, i.occurred_on AS date, 'police' AS agency, i.offence_category AS kind,
         coalesce(i.risk_markers, []) AS markers, r.role AS role, i.description AS summary
  UNION
  MATCH (p)-[:HAD_CONTACT]->(c:PartnerContact)
  WHERE c.contacted_on < $before AND c.contacted_on >= $since
  RETURN c.id AS event, c.contacted_on AS date, c.agency AS agency, c.contact_type AS kind,
         [] AS markers, 'subject' AS role, c.reason AS summary
}
RETURN pid AS person, event, date, agency, kind, markers, role, summary
ORDER BY date, event, person
