"""The foundation of Linkwatch: the graph model, its schema and the Neo4j connection.

Node and relationship kinds, keys, constraints, the connection and the local server runtime.
It imports none of its sibling packages.
"""
