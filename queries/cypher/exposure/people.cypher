// Everyone the graph knows, with what a demographics-only baseline may use: date of birth and sex.
MATCH (p:Person)
RETURN p.id AS person, p.date_of_birth AS date_of_birth, p.sex AS sex
ORDER BY person
