"""What is HTTP about security: request authentication, OIDC tokens, viewer sessions, limits.

The audit log, users, roles and keys, which the command line uses too, are in ``governance``.
"""
