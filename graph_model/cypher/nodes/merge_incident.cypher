// Generated from graph_model/cypher/templates/node_merge.cypher by `make cypher`; edit the template, not this file.
// Upsert Incident nodes by natural key. Each row: properties (Incident fields), a scope
// (the source writing it) and content_hash ('scope:digest'). A node keeps one hash per scope, so a
// node several sources describe is left untouched when none of them changed.
UNWIND $rows AS row
MERGE (n:Incident {id: row.properties.id})
WITH n, row, row.content_hash IN coalesce(n.content_hashes, []) AS unchanged
FOREACH (_ IN CASE WHEN unchanged THEN [] ELSE [1] END |
  SET n += row.properties, n.loaded_at = coalesce($loaded_at, n.loaded_at),
      n.content_hashes = [h IN coalesce(n.content_hashes, []) WHERE NOT h STARTS WITH row.scope] + row.content_hash)
RETURN count(n) AS written, sum(CASE WHEN unchanged THEN 1 ELSE 0 END) AS unchanged
