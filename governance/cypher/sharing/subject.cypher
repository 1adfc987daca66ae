// The kind of the person, death, incident or place a map would be centred on (none if unknown).
MATCH (n:Person|Death|Incident|Place {id: $subject})
RETURN labels(n)[0] AS kind
