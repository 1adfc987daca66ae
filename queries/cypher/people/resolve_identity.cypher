// The id a person has now: the id itself, or the survivor of the merge that made it an alias;
// with every id the person had before (so that lookups and audit history follow merges).
OPTIONAL MATCH (a:PersonAlias {id: $id})
WITH a, CASE WHEN a IS NULL THEN $id ELSE a.person_id END AS current
OPTIONAL MATCH (earlier:PersonAlias {person_id: current})
RETURN current, a IS NOT NULL AS moved, a.merged_at AS merged_at,
       a.identity_change_id AS change, collect(earlier.id) AS aliases
