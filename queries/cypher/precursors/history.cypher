// Everything recorded about these people in a window before a date: police incidents (with
// roles and markers), partner-agency contacts, and - when $with_deaths - earlier death reports
// on which they were named in one of $death_roles (found, reported, last seen with, suspect).
// Each has its date and, where the source recorded the time of day, its date-time (at).
UNWIND $people AS pid
MATCH (p:Person {id: pid})
CALL (p) {
  MATCH (p)-[r:PARTY_TO]->(i:Incident)
  WHERE i.occurred_on < $before AND i.occurred_on >= $since
  RETURN i.id AS event, 'incident' AS record, i.occurred_on AS date, i.occurred_at AS at, 'police' AS agency,
         i.offence_category AS kind, coalesce(i.risk_markers, []) AS markers, r.role AS role,
         i.description AS summary
  UNION
  MATCH (p)-[:HAD_CONTACT]->(c:PartnerContact)
  WHERE c.contacted_on < $before AND c.contacted_on >= $since
  RETURN c.id AS event, 'partner_contact' AS record, c.contacted_on AS date, c.contacted_at AS at, c.agency AS agency,
         c.contact_type AS kind, [] AS markers, 'subject' AS role, c.reason AS summary
  UNION
  MATCH (p)-[r:PARTY_TO_DEATH]->(d:Death)
  WHERE $with_deaths AND r.role IN $death_roles
    AND d.date_found < $before AND d.date_found >= $since
  RETURN d.id AS event, 'death' AS record, d.date_found AS date, d.found_at AS at, 'police' AS agency,
         d.apparent_cause AS kind, [] AS markers, r.role AS role, d.circumstances AS summary
}
RETURN pid AS person, event, record, date, at, agency, kind, markers, role, summary
ORDER BY date, at, event, person, role
