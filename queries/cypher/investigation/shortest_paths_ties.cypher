// The routes of all shortest paths (at most 6 ties) between two entities through
// person-to-person ties (ASSOCIATED_WITH) of the kinds in $ties only: each route once (its
// entity ids), with the tie of every parallel path along it, as [type, kind] per hop.
// $limit + 1 routes at most, in order, so the caller can tell that more existed.
MATCH (a:Person|Death|Incident|Place|Object|PartnerContact|Communication|Organisation {id: $a})
MATCH (b:Person|Death|Incident|Place|Object|PartnerContact|Communication|Organisation {id: $b})
MATCH path = allShortestPaths((a)-[:ASSOCIATED_WITH*..6]-(b))
WHERE length(path) <= $max_hops AND all(r IN relationships(path) WHERE r.kind IN $ties)
WITH [n IN nodes(path) | n.id] AS route, [r IN relationships(path) | [type(r), r.kind]] AS ties
WITH route, collect(ties) AS variants
ORDER BY route
LIMIT $limit + 1
RETURN route, variants
