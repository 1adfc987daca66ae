// How many stored person records have each of these standardised forenames and surnames, and how
// many have one at all (the term frequencies of the whole population, for the name comparisons).
CALL () {
  UNWIND $given AS value
  MATCH (s:SourceRecord) WHERE s.link_given = value
  RETURN 'given' AS column, value, count(s) AS records
  UNION ALL
  UNWIND $family AS value
  MATCH (s:SourceRecord) WHERE s.link_family = value
  RETURN 'family' AS column, value, count(s) AS records
}
RETURN column, value, records
