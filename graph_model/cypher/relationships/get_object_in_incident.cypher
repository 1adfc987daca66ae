// Generated from graph_model/cypher/templates/relationship_get.cypher by `make cypher`; edit the template, not this file.
MATCH (:Object {id: $source_id})-[r:OBJECT_IN]->(:Incident {id: $target_id})
RETURN properties(r) AS properties
