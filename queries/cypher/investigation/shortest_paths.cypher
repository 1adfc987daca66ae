// All shortest paths (at most 6 ties) between two entities; the caller cuts at its own limit.
MATCH (a:Person|Death|Incident|Place|Object|PartnerContact|Communication|Organisation {id: $a})
MATCH (b:Person|Death|Incident|Place|Object|PartnerContact|Communication|Organisation {id: $b})
MATCH path = allShortestPaths((a)-[*..6]-(b))
WHERE length(path) <= $max_hops
RETURN [n IN nodes(path) | n.id] AS nodes, [r IN relationships(path) | type(r)] AS types
LIMIT $limit
