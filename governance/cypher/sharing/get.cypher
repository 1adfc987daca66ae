// One sharing by its opaque id.
MATCH (s:Sharing {id: $id})
RETURN properties(s) AS sharing
