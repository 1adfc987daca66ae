"""The built-in mappings, one YAML file each (``--mapping NAME``)."""
