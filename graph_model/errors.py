"""The errors a Linkwatch user can act on.

Every layer raises one of these instead of a driver or library exception, so the CLI and
the API can show a message that says what was wrong, where, and what to do, without a
traceback.
"""

from __future__ import annotations

__all__ = [
    "ConfigurationError",
    "Conflict",
    "InvalidInput",
    "LinkwatchError",
    "NotFound",
    "ServiceUnavailable",
]


class LinkwatchError(Exception):
    """Root of every error Linkwatch reports to a person.

    Parameters
    ----------
    message
        One sentence saying what went wrong.
    hint
        Optional sentence saying what to do about it.
    """

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message} {self.hint}"
        return self.message


class NotFound(LinkwatchError):
    """A named thing (node, file, run) does not exist."""


class InvalidInput(LinkwatchError):
    """Input failed validation; ``details`` names each field and what was wrong with it.

    Parameters
    ----------
    message
        Summary of the problem.
    details
        One entry per offending field, e.g. ``{"field": "date_of_birth", "reason": "..."}``.
    hint
        Optional sentence saying what to do about it.
    """

    def __init__(
        self,
        message: str,
        *,
        details: list[dict[str, str]] | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.details = details or []


class Conflict(LinkwatchError):
    """The request clashes with what is already stored (e.g. a duplicate key)."""


class ServiceUnavailable(LinkwatchError):
    """A service Linkwatch needs (Neo4j, Java, Maven Central) cannot be used right now."""


class ConfigurationError(LinkwatchError):
    """The configuration or the machine is not set up as Linkwatch needs."""
