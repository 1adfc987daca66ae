"""Loading force and partner extracts into the graph.

Declarative mappings, validation, quarantine and record linkage; every write goes through
:class:`graph_model.store.GraphStore`.
"""
