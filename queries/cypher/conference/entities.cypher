// Coded facts only (no names, no free text) about entities on a case-conference map.
UNWIND $ids AS id
MATCH (n:Person|Death|Incident|Place|Object|PartnerContact|Communication|Organisation {id: id})
RETURN n.id AS id, labels(n)[0] AS kind,
       coalesce(n.offence_category, n.apparent_cause, n.contact_type, n.place_type,
                n.object_kind, n.organisation_type) AS category,
       n.agency AS agency,
       coalesce(n.health_data, false) OR coalesce(n.source_system = 'nhs', false) AS health_data,
       coalesce(n.occurred_on, n.date_found, n.contacted_on) AS date
