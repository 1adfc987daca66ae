"""Linked series of deaths: pairwise evidence, a defensible model, and candidate series.

Plain functions over death records and an association graph (no database needed); the
Neo4j side only fetches those records (``queries.series.fetch``).
"""
