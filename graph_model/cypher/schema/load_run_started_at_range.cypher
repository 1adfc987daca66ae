CREATE RANGE INDEX load_run_started_at_range IF NOT EXISTS
FOR (n:LoadRun) ON (n.started_at)
