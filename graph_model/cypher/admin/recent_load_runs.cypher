MATCH (run:LoadRun)
RETURN properties(run) AS properties
ORDER BY run.started_at DESC
LIMIT $limit
