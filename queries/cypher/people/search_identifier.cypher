// People holding an identifier: NHS number, PNC id, or one kept as recorded ('scheme:value').
MATCH (node:Person)
WHERE node.nhs_number = $identifier OR node.pnc_id = $identifier
   OR $identifier IN node.recorded_identifiers
   OR any(recorded IN node.recorded_identifiers WHERE recorded ENDS WITH ':' + $identifier)
WITH node
WHERE $date_of_birth IS NULL OR node.date_of_birth = $date_of_birth
RETURN node.id AS id, node.given_names AS given_names, node.family_name AS family_name,
       node.aliases AS aliases, node.date_of_birth AS date_of_birth, node.sex AS sex, 1.0 AS score
ORDER BY id
LIMIT $limit
