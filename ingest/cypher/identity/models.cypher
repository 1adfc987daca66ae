// Every stored linkage model version, newest first, without its parameters.
MATCH (m:LinkageModel)
OPTIONAL MATCH (run:LoadRun {linkage_model: m.id})
WITH m, count(run) AS loads
RETURN m.id AS id, m.version AS version, m.current AS current, m.trained_at AS trained_at,
       m.trained_by AS trained_by, m.records_used AS records_used, m.population AS population,
       m.how AS how, m.digest AS digest, loads
ORDER BY m.version DESC
