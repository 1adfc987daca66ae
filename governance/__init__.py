"""Governance, used by both the API and the command line: the audit log, users, roles, keys.

Nothing here knows HTTP (request authentication, OIDC and sessions stay in ``api/security``),
and this package imports only ``graph_model``.
"""
