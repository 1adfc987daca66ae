// Ids merged into this person, with the records each had when it was merged (to revive an id
// when a split undoes its merge).
MATCH (a:PersonAlias {person_id: $person})
OPTIONAL MATCH (c:IdentityChange {id: a.identity_change_id})
RETURN a.id AS alias, coalesce(c.merged_records, []) AS records
