{#
  The store's relationship upsert (GraphStore.upsert_relationships), one statement per
  relationship kind. Filled from the kind's RelSpec:
    type  the RelType;  source, target  the NodeLabels of its ends;
    merge_keys  the properties that, with the ends, identify one relationship;
    accumulates_via_records  whether via_records add up across sources instead of being replaced.
#}
// Upsert {{ type }} ({{ source }} -> {{ target }}); rows as for nodes, plus the end keys.
{% if accumulates_via_records %}
// via_records (the person records behind it) accumulate across sources instead of being replaced.
{% endif %}
// Returns the indexes of the rows written (rows whose ends are missing are not) and how many were unchanged.
UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
MATCH (source:{{ source }} {id: row.source_id})
MATCH (target:{{ target }} {id: row.target_id})
MERGE (source)-[r:{{ type }}
{%- for key in merge_keys %}{{ " {" if loop.first else ", " }}{{ key }}: row.properties.{{ key }}{% endfor %}
{{- "}" if merge_keys }}]->(target)
{% if accumulates_via_records %}
WITH i, r, row, row.content_hash IN coalesce(r.content_hashes, []) AS unchanged,
     r.via_records AS old_via
{% else %}
WITH i, r, row, row.content_hash IN coalesce(r.content_hashes, []) AS unchanged
{% endif %}
FOREACH (_ IN CASE WHEN unchanged THEN [] ELSE [1] END |
  SET r += row.properties, r.loaded_at = coalesce($loaded_at, r.loaded_at),
{% if accumulates_via_records %}
      r.via_records = CASE WHEN row.properties.via_records IS NULL THEN old_via
        ELSE [v IN coalesce(old_via, []) WHERE NOT v IN row.properties.via_records] + row.properties.via_records END,
{% endif %}
      r.content_hashes = [h IN coalesce(r.content_hashes, []) WHERE NOT h STARTS WITH row.scope] + row.content_hash)
RETURN collect(i) AS written, sum(CASE WHEN unchanged THEN 1 ELSE 0 END) AS unchanged
