// Every stored person record's linkage fields (for training the linkage model on the graph).
MATCH (s:SourceRecord)
WHERE s.linkage_json IS NOT NULL
RETURN properties(s) AS record
ORDER BY s.id
