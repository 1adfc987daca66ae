// Recorded merges and splits, newest first (optionally only those about one person id).
MATCH (c:IdentityChange)
WHERE $person IS NULL OR c.survivor = $person OR $person IN c.persons
RETURN properties(c) AS change
ORDER BY c.changed_at DESC, c.id
LIMIT $limit
