// Upsert LoadRun nodes by natural key; $rows holds LoadRun.to_properties() maps
// plus a content_hash. A node whose stored hash equals the row's is left as it is.
UNWIND $rows AS row
MERGE (n:LoadRun {id: row.id})
WITH n, row, n.content_hash = row.content_hash AS unchanged
FOREACH (_ IN CASE WHEN unchanged THEN [] ELSE [1] END | SET n += row)
RETURN count(n) AS written, sum(CASE WHEN unchanged THEN 1 ELSE 0 END) AS unchanged
