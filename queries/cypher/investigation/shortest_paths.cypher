// The routes of all shortest paths (at most 6 ties) between two entities through ties of any
// type: each route once (its entity ids), with the tie of every parallel path along it, as
// [type, kind] per hop, so that parallel ties of different kinds make one route, not several.
// $limit + 1 routes at most, in order, so the caller can tell that more existed.
MATCH (a:Person|Death|Incident|Place|Object|PartnerContact|Communication|Organisation {id: $a})
MATCH (b:Person|Death|Incident|Place|Object|PartnerContact|Communication|Organisation {id: $b})
MATCH path = allShortestPaths((a)-[*..6]-(b))
WHERE length(path) <= $max_hops
WITH [n IN nodes(path) | n.id] AS route, [r IN relationships(path) | [type(r), r.kind]] AS ties
WITH route, collect(ties) AS variants
ORDER BY route
LIMIT $limit + 1
RETURN route, variants
