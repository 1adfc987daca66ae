// The candidate series recorded by the latest earlier load run that recorded any.
MATCH (r:LoadRun)
WHERE r.series_json IS NOT NULL AND r.id <> $run
RETURN r.series_json AS series, r.id AS run
ORDER BY r.started_at DESC
LIMIT 1
