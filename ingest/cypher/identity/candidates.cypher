// Stored person records sharing a blocking key with a delivery's records (each key a range-index
// seek, so the cost follows the delivery, not the graph); the delivery's own records excluded.
CALL () {
  MATCH (s:SourceRecord) WHERE s.block_nhs_number IN $block_nhs_number RETURN s
  UNION
  MATCH (s:SourceRecord) WHERE s.block_dob IN $block_dob RETURN s
  UNION
  MATCH (s:SourceRecord) WHERE s.block_name IN $block_name RETURN s
  UNION
  MATCH (s:SourceRecord) WHERE s.block_soundex_year_initial IN $block_soundex_year_initial RETURN s
  UNION
  MATCH (s:SourceRecord) WHERE s.block_soundexes_district IN $block_soundexes_district RETURN s
  UNION
  MATCH (s:SourceRecord) WHERE s.block_postcode_initial IN $block_postcode_initial RETURN s
  UNION
  MATCH (s:SourceRecord) WHERE s.block_postcode_soundex IN $block_postcode_soundex RETURN s
  UNION
  MATCH (s:SourceRecord) WHERE s.block_phone IN $block_phone RETURN s
}
WITH s
WHERE NOT s.id IN $exclude AND s.linkage_json IS NOT NULL
MATCH (s)-[:DESCRIBES]->(p:Person)
RETURN properties(s) AS record, p.id AS person
