// A person's allow-listed fields, the source records linked to them, their roles and ties.
MATCH (p:Person {id: $id})
CALL (p) {
  OPTIONAL MATCH (s:SourceRecord)-[d:DESCRIBES]->(p)
  OPTIONAL MATCH (held:DataSource {name: s.source_system})
  RETURN collect({system: s.source_system, organisation: held.organisation,
                  record: s.source_record_id, match_probability: d.match_probability}) AS sources
}
CALL (p) {
  OPTIONAL MATCH (p)-[r:PARTY_TO|PARTY_TO_DEATH]->()
  WITH r.role AS role, count(r) AS times WHERE role IS NOT NULL
  RETURN collect({role: role, times: times}) AS roles
}
CALL (p) {
  OPTIONAL MATCH (p)-[a:ASSOCIATED_WITH]-(o:Person)
  WITH o, collect(DISTINCT a.kind) AS kinds WHERE o IS NOT NULL
  RETURN collect({person: o.id, kinds: kinds})[0..100] AS ties
}
RETURN p.id AS id, p.given_names AS given_names, p.family_name AS family_name,
       p.aliases AS aliases, p.date_of_birth AS date_of_birth, p.sex AS sex,
       p.nhs_number AS nhs_number, p.pnc_id AS pnc_id,
       coalesce(p.recorded_identifiers, []) AS recorded_identifiers, p.marking AS marking,
       sources, roles, ties
