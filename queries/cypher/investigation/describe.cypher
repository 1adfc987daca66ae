// Display fields of entities (only what a view needs: never whole nodes).
UNWIND $ids AS id
MATCH (n:Person|Death|Incident|Place|Object|PartnerContact|Communication|Organisation {id: id})
RETURN n.id AS id, labels(n)[0] AS kind,
       CASE labels(n)[0]
         WHEN 'Person' THEN trim(coalesce(n.given_names, '') + ' ' + coalesce(n.family_name, ''))
         WHEN 'Death' THEN 'Death ' + toString(n.date_found) + ' (' + coalesce(n.apparent_cause, '?') + ')'
         WHEN 'Incident' THEN coalesce(n.offence_category, 'incident') + ' ' + toString(n.occurred_on)
         WHEN 'Place' THEN coalesce(n.name, n.address, n.postcode, n.id)
         WHEN 'Object' THEN coalesce(n.object_kind, 'object') + ' ' + coalesce(n.identifier, '')
         WHEN 'PartnerContact' THEN coalesce(n.contact_type, 'contact') + ' ' + toString(n.contacted_on)
         ELSE coalesce(n.name, n.id)
       END AS label,
       coalesce(n.occurred_on, n.date_found, n.contacted_on, n.date_of_birth) AS date
