"""Authentication, roles, rate limits and the audit log of the API."""
