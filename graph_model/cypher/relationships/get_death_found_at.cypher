// Generated from graph_model/cypher/templates/relationship_get.cypher by `make cypher`; edit the template, not this file.
MATCH (:Death {id: $source_id})-[r:FOUND_AT]->(:Place {id: $target_id})
RETURN properties(r) AS properties
