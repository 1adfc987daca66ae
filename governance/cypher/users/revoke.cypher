// Revoke a user's key; returns nothing if there is no such active user.
MATCH (u:ApiUser {name: $name})
WHERE u.revoked_at IS NULL
SET u.revoked_at = datetime(), u.revoked_by = $revoked_by
RETURN u.name AS name
