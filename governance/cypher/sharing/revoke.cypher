// Revoke a sharing that is not revoked yet; returns nothing otherwise.
MATCH (s:Sharing {id: $id})
WHERE s.revoked_at IS NULL
SET s.revoked_at = $revoked_at, s.revoked_by = $revoked_by,
    s.revocation_justification = $justification
RETURN properties(s) AS sharing
