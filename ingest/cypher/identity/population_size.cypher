// How many person records and resolved people the graph holds, and how many links and aliases.
CALL () { MATCH (s:SourceRecord) RETURN count(s) AS records }
CALL () { MATCH (:SourceRecord)-[:DESCRIBES]->(p:Person) RETURN count(DISTINCT p) AS people }
CALL () { MATCH (:SourceRecord)-[l:LINKED_TO]->(:SourceRecord) RETURN count(l) AS links }
CALL () { MATCH (a:PersonAlias) RETURN count(a) AS aliases }
CALL () { MATCH (r:LinkReview {status: 'pending'}) RETURN count(r) AS pending_reviews }
RETURN records, people, links, aliases, pending_reviews
