// How many records each kind of source holds dated in the period (a zero means missing data).
CALL () {
  MATCH (i:Incident) WHERE i.occurred_on >= $from AND i.occurred_on <= $to
  RETURN 'police incidents' AS source, count(i) AS records
  UNION ALL
  MATCH (d:Death) WHERE d.date_found >= $from AND d.date_found <= $to
  RETURN 'death reports' AS source, count(d) AS records
  UNION ALL
  UNWIND ['nhs', 'local_authority'] AS agency
  OPTIONAL MATCH (c:PartnerContact {agency: agency})
  WHERE c.contacted_on >= $from AND c.contacted_on <= $to
  RETURN agency + ' contacts' AS source, count(c) AS records
}
RETURN source, records
