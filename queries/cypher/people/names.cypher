UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id, trim(coalesce(p.given_names, '') + ' ' + coalesce(p.family_name, '')) AS name,
       p.date_of_birth AS date_of_birth
