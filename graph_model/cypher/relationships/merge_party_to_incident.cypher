// Generated from graph_model/cypher/templates/relationship_merge.cypher by `make cypher`; edit the template, not this file.
// Upsert PARTY_TO (Person -> Incident); rows as for nodes, plus the end keys.
// via_records (the person records behind it) accumulate across sources instead of being replaced.
// Returns the indexes of the rows written (rows whose ends are missing are not) and how many were unchanged.
UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
MATCH (source:Person {id: row.source_id})
MATCH (target:Incident {id: row.target_id})
MERGE (source)-[r:PARTY_TO {role: row.properties.role}]->(target)
WITH i, r, row, row.content_hash IN coalesce(r.content_hashes, []) AS unchanged,
     r.via_records AS old_via
FOREACH (_ IN CASE WHEN unchanged THEN [] ELSE [1] END |
  SET r += row.properties, r.loaded_at = coalesce($loaded_at, r.loaded_at),
      r.via_records = CASE WHEN row.properties.via_records IS NULL THEN old_via
        ELSE [v IN coalesce(old_via, []) WHERE NOT v IN row.properties.via_records] + row.properties.via_records END,
      r.content_hashes = [h IN coalesce(r.content_hashes, []) WHERE NOT h STARTS WITH row.scope] + row.content_hash)
RETURN collect(i) AS written, sum(CASE WHEN unchanged THEN 1 ELSE 0 END) AS unchanged
