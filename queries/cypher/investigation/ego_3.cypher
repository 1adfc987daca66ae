// The 3-hop neighbourhood of any entity through the allowed relationship types, keeping at
// most $limit paths and saying whether more existed.
MATCH (centre:Person|Death|Incident|Place|Object|PartnerContact|Communication|Organisation {id: $id})
MATCH path = (centre)-[rels*1..3]-(other)
WHERE all(r IN rels WHERE type(r) IN $types)
WITH path LIMIT $limit + 1
WITH collect(path) AS paths
WITH size(paths) > $limit AS truncated, paths[0..$limit] AS kept
UNWIND kept AS path
UNWIND relationships(path) AS r
WITH truncated, r
WITH DISTINCT truncated, r
RETURN truncated, startNode(r).id AS source, endNode(r).id AS target, type(r) AS type,
       r.role AS role, r.kind AS kind
