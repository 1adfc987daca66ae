MATCH (n:PartnerContact {id: $key})
RETURN properties(n) AS properties
