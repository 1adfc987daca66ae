"""Turning query results and networkx graphs into network views; never talks to Neo4j."""
