// Give an active user a new key (the old one stops working at once).
MATCH (u:ApiUser {name: $name})
WHERE u.revoked_at IS NULL
SET u.key_id = $key_id, u.key_hash = $key_hash, u.rotated_at = datetime()
RETURN u.name AS name
