// Generated from queries/cypher/templates/ego.cypher by `make cypher`; edit the template, not this file.
// The 2-hop neighbourhood of any entity through the allowed relationship types, keeping at
// most $limit paths and saying whether more existed. With $date_from / $date_to set, a path
// is kept only when every dated tie on it overlaps the range and every event on it (other than
// the centre) happened within it; undated people, places and objects always pass. With $ties
// set, a person-to-person tie (ASSOCIATED_WITH) is followed only when its kind is one of them.
MATCH (centre:Person|Death|Incident|Place|Object|PartnerContact|Communication|Organisation {id: $id})
MATCH path = (centre)-[rels*1..2]-(other)
WHERE all(r IN rels WHERE type(r) IN $types
          AND ($ties IS NULL OR type(r) <> 'ASSOCIATED_WITH' OR r.kind IN $ties)
          AND ($date_from IS NULL OR r.until IS NULL OR r.until >= $date_from)
          AND ($date_to IS NULL OR r.since IS NULL OR r.since <= $date_to))
  AND all(n IN nodes(path) WHERE n = centre
          OR coalesce(n.occurred_on, n.date_found, n.contacted_on) IS NULL
          OR (($date_from IS NULL OR coalesce(n.occurred_on, n.date_found, n.contacted_on) >= $date_from)
              AND ($date_to IS NULL OR coalesce(n.occurred_on, n.date_found, n.contacted_on) <= $date_to)))
WITH path LIMIT $limit + 1
WITH collect(path) AS paths
WITH size(paths) > $limit AS truncated, paths[0..$limit] AS kept
UNWIND kept AS path
UNWIND relationships(path) AS r
WITH truncated, r
WITH DISTINCT truncated, r
RETURN truncated, startNode(r).id AS source, endNode(r).id AS target, type(r) AS type,
       r.role AS role, r.kind AS kind, r.since AS since, r.until AS until
