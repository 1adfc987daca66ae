// Generated from graph_model/cypher/templates/relationship_get.cypher by `make cypher`; edit the template, not this file.
MATCH (:PartnerContact {id: $source_id})-[r:RECORDED_BY]->(:Organisation {id: $target_id})
RETURN properties(r) AS properties
