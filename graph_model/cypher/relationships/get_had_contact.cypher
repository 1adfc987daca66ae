MATCH (:Person {id: $source_id})-[r:HAD_CONTACT]->(:PartnerContact {id: $target_id})
RETURN properties(r) AS properties
