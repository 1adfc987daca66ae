// People whose names or aliases match the (escaped, fuzzy) full-text query, best first;
// optionally only those born on a date.
CALL db.index.fulltext.queryNodes('person_fulltext', $query, {limit: 500}) YIELD node, score
WHERE $date_of_birth IS NULL OR node.date_of_birth = $date_of_birth
RETURN node.id AS id, node.given_names AS given_names, node.family_name AS family_name,
       node.aliases AS aliases, node.date_of_birth AS date_of_birth, node.sex AS sex, score
ORDER BY score DESC, id
LIMIT $limit
