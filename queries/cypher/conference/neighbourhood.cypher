// The case-conference neighbourhood of a shared subject: up to $hops (1 or 2) ties out through
// the conference ties ($types: people, their events, contacts and homes), at most $limit paths,
// saying whether more existed. Unless $health, no path passes through or ends at a health
// contact (NHS-derived, or a kind of contact only health services have: $health_types), so a
// non-health partner cannot learn that one exists, nor reach anyone through one.
MATCH (centre:Person|Death|Incident|Place {id: $id})
MATCH path = (centre)-[rels*1..2]-(other)
WHERE size(rels) <= $hops
  AND all(r IN rels WHERE type(r) IN $types)
  AND ($health OR none(n IN nodes(path) WHERE n:PartnerContact
                       AND (coalesce(n.health_data, false) OR coalesce(n.agency, '') = 'nhs'
                            OR coalesce(n.source_system, '') = 'nhs'
                            OR coalesce(n.contact_type, '') IN $health_types)))
WITH path LIMIT $limit + 1
WITH collect(path) AS paths
WITH size(paths) > $limit AS truncated, paths[0..$limit] AS kept
UNWIND kept AS path
UNWIND relationships(path) AS r
WITH DISTINCT truncated, r
RETURN truncated, startNode(r).id AS source, endNode(r).id AS target, type(r) AS type,
       r.role AS role, r.kind AS kind
