// Which of these file digests a load run of this mapping already loaded successfully (and when).
MATCH (run:LoadRun {mapping: $mapping})
WHERE run.loaded_digests IS NOT NULL
UNWIND run.loaded_digests AS digest
WITH run, digest
WHERE digest IN $digests
RETURN digest, run.id AS run, run.finished_at AS finished_at
ORDER BY finished_at
