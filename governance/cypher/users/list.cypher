// Every API user, without key hashes.
MATCH (u:ApiUser)
RETURN u.name AS name, u.role AS role, u.organisation AS organisation, u.key_id AS key_id,
       u.created_at AS created_at, u.created_by AS created_by, u.revoked_at AS revoked_at
ORDER BY name
