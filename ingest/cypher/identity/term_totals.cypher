// Stored person records with a standardised forename, and with a surname (term-frequency totals).
CALL () { MATCH (s:SourceRecord) WHERE s.link_given IS NOT NULL RETURN count(s) AS given }
CALL () { MATCH (s:SourceRecord) WHERE s.link_family IS NOT NULL RETURN count(s) AS family }
RETURN given, family
