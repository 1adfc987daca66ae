// A new API user with the hash of their key (the key itself is never stored); $user holds an
// ApiUserAccount's properties.
CREATE (u:ApiUser)
SET u = $user
RETURN u.name AS name
