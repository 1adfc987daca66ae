// The linkage model in use (the newest current version), if any.
MATCH (m:LinkageModel)
WHERE m.current
RETURN properties(m) AS model
ORDER BY m.version DESC
LIMIT 1
