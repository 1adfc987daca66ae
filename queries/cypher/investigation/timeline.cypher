// A person's recorded events in date order (and, within a day, by time where the source recorded
// one; events with only a date come last on their day): incidents, deaths, partner contacts.
MATCH (p:Person {id: $id})
CALL (p) {
  MATCH (p)-[r:PARTY_TO]->(i:Incident)
  RETURN i.occurred_on AS date, i.occurred_at AS at, i.id AS event, 'incident' AS kind, i.offence_category AS what, r.role AS role
  UNION
  MATCH (p)-[r:PARTY_TO_DEATH]->(d:Death)
  RETURN d.date_found AS date, d.found_at AS at, d.id AS event, 'death' AS kind, d.apparent_cause AS what, r.role AS role
  UNION
  MATCH (p)-[:HAD_CONTACT]->(c:PartnerContact)
  RETURN c.contacted_on AS date, c.contacted_at AS at, c.id AS event, c.agency AS kind, c.contact_type AS what, 'subject' AS role
}
RETURN date, at, event, kind, what, role
ORDER BY date, at, event
LIMIT $limit
