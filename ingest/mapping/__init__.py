"""Declarative ingest mappings: one YAML file says how a source's files become graph records."""
