// Merge: every relationship of the merged person moves to the survivor (joining one the survivor
// already has of the same type, ends and identifying properties), the merged id becomes an alias
// of the survivor, and aliases of the merged id follow it. $merge_keys: type -> identifying keys.
MATCH (old:Person {id: $merged})
MATCH (survivor:Person {id: $survivor})
CALL (old, survivor) {
  MATCH (old)-[r]->(x)
  WHERE x <> survivor AND x <> old
  OPTIONAL MATCH (survivor)-[same]->(x)
  WHERE type(same) = type(r)
    AND all(k IN coalesce($merge_keys[type(r)], []) WHERE same[k] = r[k])
  WITH r, x, survivor, head(collect(same)) AS same
  FOREACH (_ IN CASE WHEN same IS NULL THEN [1] ELSE [] END |
    CREATE (survivor)-[copy:$(type(r))]->(x)
    SET copy = properties(r))
  FOREACH (_ IN CASE WHEN same IS NULL THEN [] ELSE [1] END |
    SET same.via_records = coalesce(same.via_records, []) +
        [v IN coalesce(r.via_records, []) WHERE NOT v IN coalesce(same.via_records, [])])
  DELETE r
}
CALL (old, survivor) {
  MATCH (x)-[r]->(old)
  WHERE x <> survivor AND x <> old
  OPTIONAL MATCH (x)-[same]->(survivor)
  WHERE type(same) = type(r)
    AND all(k IN coalesce($merge_keys[type(r)], []) WHERE same[k] = r[k])
  WITH r, x, survivor, head(collect(same)) AS same
  FOREACH (_ IN CASE WHEN same IS NULL THEN [1] ELSE [] END |
    CREATE (x)-[copy:$(type(r))]->(survivor)
    SET copy = properties(r))
  FOREACH (_ IN CASE WHEN same IS NULL THEN [] ELSE [1] END |
    SET same.via_records = coalesce(same.via_records, []) +
        [v IN coalesce(r.via_records, []) WHERE NOT v IN coalesce(same.via_records, [])])
  DELETE r
}
DETACH DELETE old
MERGE (alias:PersonAlias {id: $merged})
SET alias.person_id = $survivor, alias.identity_change_id = $change, alias.merged_at = $at,
    alias.source_system = 'linkwatch', alias.source_record_id = $merged,
    alias.marking = 'OFFICIAL-SENSITIVE', alias.load_run_id = $run
WITH survivor
OPTIONAL MATCH (earlier:PersonAlias {person_id: $merged})
SET earlier.person_id = $survivor
RETURN survivor.id AS survivor
