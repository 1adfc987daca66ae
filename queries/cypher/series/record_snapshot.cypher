// Keep a load run's candidate series (id -> death ids) and what changed since the previous one.
MATCH (r:LoadRun {id: $run})
SET r.series_json = $series, r.series_changes_json = $changes
RETURN r.id AS run
