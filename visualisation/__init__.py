"""Interactive network views and case-conference maps, built from query results.

Nothing here talks to Neo4j: views are made from analysis documents (``queries.documents``)
or networkx graphs, and rendered to self-contained, offline HTML with vis-network.
"""
