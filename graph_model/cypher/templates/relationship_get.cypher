{#
  The store's relationship read (GraphStore.get_relationships), one statement per
  relationship kind: every relationship of the type between the two ends, whatever its merge keys.
    type  the RelType;  source, target  the NodeLabels of its ends.
#}
MATCH (:{{ source }} {id: $source_id})-[r:{{ type }}]->(:{{ target }} {id: $target_id})
RETURN properties(r) AS properties
