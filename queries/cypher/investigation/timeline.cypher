// A person's recorded events in date order: incidents, deaths, partner contacts.
MATCH (p:Person {id: $id})
CALL (p) {
  MATCH (p)-[r:PARTY_TO]->(i:Incident)
  RETURN i.occurred_on AS date, i.id AS event, 'incident' AS kind, i.offence_category AS what, r.role AS role
  UNION
  MATCH (p)-[r:PARTY_TO_DEATH]->(d:Death)
  RETURN d.date_found AS date, d.id AS event, 'death' AS kind, d.apparent_cause AS what, r.role AS role
  UNION
  MATCH (p)-[:HAD_CONTACT]->(c:PartnerContact)
  RETURN c.contacted_on AS date, c.id AS event, c.agency AS kind, c.contact_type AS what, 'subject' AS role
}
RETURN date, event, kind, what, role
ORDER BY date, event
LIMIT $limit
