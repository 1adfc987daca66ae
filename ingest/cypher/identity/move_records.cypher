// Split: records leave one person for another, with every relationship derived only from them;
// a relationship derived from moving and staying records is copied, each copy naming its own.
MATCH (old:Person {id: $from})
MATCH (new:Person {id: $to})
CALL (old, new) {
  MATCH (s:SourceRecord)-[d:DESCRIBES]->(old)
  WHERE s.id IN $records
  CREATE (s)-[moved:DESCRIBES]->(new)
  SET moved = properties(d)
  DELETE d
}
CALL (old, new) {
  MATCH (old)-[r]->(x)
  WHERE type(r) <> 'DESCRIBES' AND any(v IN coalesce(r.via_records, []) WHERE v IN $records)
  WITH r, x, [v IN r.via_records WHERE v IN $records] AS going,
       [v IN r.via_records WHERE NOT v IN $records] AS staying
  CREATE (new)-[copy:$(type(r))]->(x)
  SET copy = properties(r), copy.via_records = going
  FOREACH (_ IN CASE WHEN size(staying) = 0 THEN [1] ELSE [] END | DELETE r)
  FOREACH (_ IN CASE WHEN size(staying) > 0 THEN [1] ELSE [] END | SET r.via_records = staying)
}
CALL (old, new) {
  MATCH (x)-[r]->(old)
  WHERE type(r) <> 'DESCRIBES' AND any(v IN coalesce(r.via_records, []) WHERE v IN $records)
  WITH r, x, [v IN r.via_records WHERE v IN $records] AS going,
       [v IN r.via_records WHERE NOT v IN $records] AS staying
  CREATE (x)-[copy:$(type(r))]->(new)
  SET copy = properties(r), copy.via_records = going
  FOREACH (_ IN CASE WHEN size(staying) = 0 THEN [1] ELSE [] END | DELETE r)
  FOREACH (_ IN CASE WHEN size(staying) > 0 THEN [1] ELSE [] END | SET r.via_records = staying)
}
RETURN old.id AS person
