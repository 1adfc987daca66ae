// Record-linkage pairs for human review. A pair keeps its decision across ingests: only its
// score and evidence are refreshed.
UNWIND $rows AS row
MERGE (r:LinkReview {id: row.id})
ON CREATE SET r.status = 'pending', r.source_system = 'linkwatch', r.source_record_id = row.id,
              r.marking = 'OFFICIAL-SENSITIVE', r.load_run_id = row.load_run_id,
              r.loaded_at = row.loaded_at
SET r.record_a = row.record_a, r.record_b = row.record_b, r.probability = row.probability,
    r.evidence_json = row.evidence_json
RETURN count(r) AS recorded
