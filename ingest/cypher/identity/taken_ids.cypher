// Which of these ids a person or an alias already has (a new person's id must be fresh).
UNWIND $ids AS id
OPTIONAL MATCH (p:Person {id: id})
OPTIONAL MATCH (a:PersonAlias {id: id})
WITH id, p, a
WHERE p IS NOT NULL OR a IS NOT NULL
RETURN id
