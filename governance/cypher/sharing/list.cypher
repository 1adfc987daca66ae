// Sharings, newest first: every one, or only those with one organisation ($organisation).
MATCH (s:Sharing)
WHERE $organisation IS NULL OR s.organisation = $organisation
RETURN properties(s) AS sharing
ORDER BY s.shared_at DESC, s.id
