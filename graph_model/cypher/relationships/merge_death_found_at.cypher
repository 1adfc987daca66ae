// Generated from graph_model/cypher/templates/relationship_merge.cypher by `make cypher`; edit the template, not this file.
// Upsert FOUND_AT (Death -> Place); rows as for nodes, plus the end keys.
// Returns the indexes of the rows written (rows whose ends are missing are not) and how many were unchanged.
UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
MATCH (source:Death {id: row.source_id})
MATCH (target:Place {id: row.target_id})
MERGE (source)-[r:FOUND_AT]->(target)
WITH i, r, row, row.content_hash IN coalesce(r.content_hashes, []) AS unchanged
FOREACH (_ IN CASE WHEN unchanged THEN [] ELSE [1] END |
  SET r += row.properties, r.loaded_at = coalesce($loaded_at, r.loaded_at),
      r.content_hashes = [h IN coalesce(r.content_hashes, []) WHERE NOT h STARTS WITH row.scope] + row.content_hash)
RETURN collect(i) AS written, sum(CASE WHEN unchanged THEN 1 ELSE 0 END) AS unchanged
