// The date and kind of a death or incident under review.
MATCH (event:Death|Incident {id: $event})
RETURN labels(event)[0] AS kind, coalesce(event.date_found, event.occurred_on) AS date,
       coalesce(event.classification, event.offence_category) AS category
