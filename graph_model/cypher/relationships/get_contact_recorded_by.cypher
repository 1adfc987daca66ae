MATCH (:PartnerContact {id: $source_id})-[r:RECORDED_BY]->(:Organisation {id: $target_id})
RETURN properties(r) AS properties
