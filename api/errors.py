"""Errors only the API raises, each mapped to its HTTP status in :mod:`api.problems`."""

from __future__ import annotations

from graph_model.errors import LinkwatchError

__all__ = ["Forbidden", "JustificationRequired", "RateLimited", "Unauthenticated"]


class Unauthenticated(LinkwatchError):
    """No API key, or one that is unknown, wrong or revoked (401)."""


class Forbidden(LinkwatchError):
    """The user's role may not do this (403)."""


class JustificationRequired(LinkwatchError):
    """A personal-data request came without its case or incident reference (428)."""


class RateLimited(LinkwatchError):
    """The key has made too many requests; ``retry_after`` seconds until the next (429)."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
