// Generated from graph_model/cypher/templates/node_get.cypher by `make cypher`; edit the template, not this file.
MATCH (n:Place {id: $key})
RETURN properties(n) AS properties
