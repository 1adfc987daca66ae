"""Precursor paths before homicides and near misses, and the live dyads that resemble them."""
