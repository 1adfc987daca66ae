// Earlier opportunities before an event, for its subjects: police incidents with risk markers
// followed by no partner contact within 30 days, and referrals with no recorded outcome.
UNWIND $people AS person
MATCH (p:Person {id: person})
CALL (p) {
  MATCH (p)-[:PARTY_TO]->(i:Incident)
  WHERE i.occurred_on < $before AND size(coalesce(i.risk_markers, [])) > 0
    AND NOT EXISTS {
      MATCH (p)-[:HAD_CONTACT]->(c:PartnerContact)
      WHERE c.contacted_on >= i.occurred_on AND c.contacted_on <= i.occurred_on + duration({days: 30})
    }
  RETURN i.id AS event, i.occurred_on AS date, 'police' AS agency,
         'risk markers (' + reduce(s = '', m IN i.risk_markers | s + CASE WHEN s = '' THEN '' ELSE ', ' END + m) +
         ') with no partner contact within 30 days' AS opportunity
  UNION
  MATCH (p)-[:HAD_CONTACT]->(c:PartnerContact)
  WHERE c.contacted_on < $before AND c.contact_type CONTAINS 'referral' AND c.outcome IS NULL
  RETURN c.id AS event, c.contacted_on AS date, c.agency AS agency,
         c.contact_type + ' with no recorded outcome' AS opportunity
}
RETURN DISTINCT event, date, agency, opportunity, person
ORDER BY date, event
