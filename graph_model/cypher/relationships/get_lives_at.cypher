// Generated from graph_model/cypher/templates/relationship_get.cypher by `make cypher`; edit the template, not this file.
MATCH (:Person {id: $source_id})-[r:LIVES_AT]->(:Place {id: $target_id})
RETURN properties(r) AS properties
