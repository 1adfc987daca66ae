// An alias becomes a person's id again (a split undid the merge that made it an alias).
MATCH (a:PersonAlias {id: $id})
DELETE a
RETURN count(*) AS revived
