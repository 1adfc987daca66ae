// Partner-agency contacts of each death's deceased in the $months months before it was found.
UNWIND $deaths AS death
MATCH (p:Person {id: death.deceased})-[:HAD_CONTACT]->(c:PartnerContact)
WHERE c.contacted_on < death.date_found
  AND c.contacted_on >= death.date_found - duration({months: $months})
RETURN death.id AS death, c.agency AS agency, c.contact_type AS contact_type,
       count(c) AS contacts
