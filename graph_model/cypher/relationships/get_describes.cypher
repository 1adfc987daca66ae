// Generated from graph_model/cypher/templates/relationship_get.cypher by `make cypher`; edit the template, not this file.
MATCH (:SourceRecord {id: $source_id})-[r:DESCRIBES]->(:Person {id: $target_id})
RETURN properties(r) AS properties
