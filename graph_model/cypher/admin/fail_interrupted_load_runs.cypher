// A load run still 'running' when a new one starts was interrupted (crash, kill, lost database).
MATCH (run:LoadRun {status: 'running'})
WHERE run.id <> $current
SET run.status = 'failed', run.finished_at = $now
RETURN count(run) AS interrupted
