// People born on a date, by id.
MATCH (node:Person {date_of_birth: $date_of_birth})
RETURN node.id AS id, node.given_names AS given_names, node.family_name AS family_name,
       node.aliases AS aliases, node.date_of_birth AS date_of_birth, node.sex AS sex, 1.0 AS score
ORDER BY id
LIMIT $limit
