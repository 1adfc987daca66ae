// The user holding a key id, with the stored hash to verify the presented key against.
MATCH (u:ApiUser {key_id: $key_id})
RETURN u.name AS name, u.role AS role, u.organisation AS organisation, u.key_hash AS key_hash,
       u.revoked_at IS NOT NULL AS revoked
