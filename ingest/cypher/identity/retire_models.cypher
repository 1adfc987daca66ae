// Make one version the current linkage model: every other version stops being current.
MATCH (m:LinkageModel)
SET m.current = (m.id = $current)
RETURN count(m) AS models
