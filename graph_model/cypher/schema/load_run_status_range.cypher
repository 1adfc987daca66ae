CREATE RANGE INDEX load_run_status_range IF NOT EXISTS
FOR (n:LoadRun) ON (n.status)
