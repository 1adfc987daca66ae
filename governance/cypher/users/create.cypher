// A new API user with the hash of their key (the key itself is never stored).
CREATE (u:ApiUser {name: $name, role: $role, organisation: $organisation, key_id: $key_id,
                   key_hash: $key_hash, created_at: datetime(), created_by: $created_by})
RETURN u.name AS name
