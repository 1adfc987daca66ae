{#
  The store's node upsert (GraphStore.upsert_nodes), one statement per node kind the store
  writes (NodeSpec.upserted_by_store). Filled from the kind's declaration:
    label  the NodeLabel;  model  the model class's name.
  Nodes are keyed on id (the generator refuses a kind keyed on anything else).
#}
// Upsert {{ label }} nodes by natural key. Each row: properties ({{ model }} fields), a scope
// (the source writing it) and content_hash ('scope:digest'). A node keeps one hash per scope, so a
// node several sources describe is left untouched when none of them changed.
UNWIND $rows AS row
MERGE (n:{{ label }} {id: row.properties.id})
WITH n, row, row.content_hash IN coalesce(n.content_hashes, []) AS unchanged
FOREACH (_ IN CASE WHEN unchanged THEN [] ELSE [1] END |
  SET n += row.properties, n.loaded_at = coalesce($loaded_at, n.loaded_at),
      n.content_hashes = [h IN coalesce(n.content_hashes, []) WHERE NOT h STARTS WITH row.scope] + row.content_hash)
RETURN count(n) AS written, sum(CASE WHEN unchanged THEN 1 ELSE 0 END) AS unchanged
