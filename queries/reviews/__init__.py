"""Rapid reviews of homicides and near misses, their learning and actions."""
