"""Repeat victims and perpetrators, co-offending networks, and the people at their centre."""
