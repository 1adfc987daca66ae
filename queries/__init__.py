"""Named, parameterised Cypher queries and networkx analyses over the graph."""
