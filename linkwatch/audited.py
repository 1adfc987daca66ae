"""How the command line audits what it shows: the operator, the justification, the entry.

Every command that shows or writes personal data takes ``--justification REF`` (refused
without one, or with one that is not a reference, as a usage error, exit 2, the same check
as the API's ``X-Justification`` header) and opens its database session with
:func:`audited_session`. The command computes what it will show, records it with
:meth:`CliTrail.record` or :meth:`CliTrail.record_document` (the same action and people as
the equivalent API call), and only then prints or writes it. An id that does not exist is
logged too (outcome ``not_found``), as the API logs its 404s.

The operator is ``cli:<account>``, the operating-system account running the command, read
from the process's real user id (not ``$USER``, which anyone can set), with the role
``operator``. API users are named as they were registered (``linkwatch users add``) or
``oidc:<subject>``; the prefix says where a name comes from.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any

import neo4j
import neo4j.exceptions
import typer
from pydantic import BaseModel

from governance.audit import AuditAction, append_entry
from governance.audit_key import load_audit_key
from governance.justification import JUSTIFICATION_RULE, justification_problem
from graph_model.connection import session_driver
from graph_model.errors import NotFound, ServiceUnavailable
from linkwatch.context import load_settings
from queries.people import people_mentioned

__all__ = [
    "CLI_ROLE",
    "CliTrail",
    "Justification",
    "audited_session",
    "cli_actor",
    "record_cli_action",
]

#: The role the audit log gives command-line entries: whoever runs it reads Neo4j directly.
CLI_ROLE = "operator"


def _account() -> str:
    try:
        import pwd  # POSIX only

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):  # Windows, or a container user with no passwd entry
        try:
            return getpass.getuser()
        except OSError:
            return "unknown"


def cli_actor() -> str:
    """The audit log's name for whoever runs the command line: ``cli:<account>``.

    The account is that of the process's real user id, so setting ``$USER`` or ``$LOGNAME``
    does not change it.
    """
    return f"cli:{_account()}"


def _checked(ctx: typer.Context, value: str | None) -> str | None:
    if ctx.resilient_parsing:  # shell completion
        return value
    if not value:
        raise typer.BadParameter(
            "missing. This command shows personal data, so it needs the reference of the "
            f"case or incident it is for (DPA 2018 s.62): {JUSTIFICATION_RULE}."
        )
    problem = justification_problem(value)
    if problem:
        raise typer.BadParameter(
            f"{value!r} {problem}: it must be a case or incident reference of {JUSTIFICATION_RULE}."
        )
    return value


#: The ``--justification REF`` option of every command that shows personal data.
Justification = Annotated[
    str | None,
    typer.Option(
        "--justification",
        metavar="REF",
        callback=_checked,
        help="Required: the case or incident reference this is for, e.g. CASE/2026/0042 "
        "(written to the audit log).",
        show_default=False,
    ),
]


@dataclass
class CliTrail:
    """What a command that shows personal data must record before it shows anything."""

    driver: neo4j.Driver
    database: str
    command: str
    justification: str | None
    parameters: dict[str, Any] = field(default_factory=dict)

    def record(
        self,
        people: Iterable[str],
        *,
        action: AuditAction = AuditAction.CONSULTATION,
        extra: dict[str, Any] | None = None,
        outcome: str = "ok",
    ) -> None:
        """Append the entry: operator, command, parameters, the people shown, and why.

        Raises
        ------
        ServiceUnavailable
            When Neo4j does not take the entry; the command then shows nothing.
        """
        try:
            append_entry(
                self.driver,
                self.database,
                key=load_audit_key(load_settings()),
                actor=cli_actor(),
                role=CLI_ROLE,
                action=action,
                endpoint=self.command,
                parameters={**self.parameters, **(extra or {})},
                people=people,
                justification=self.justification,
                outcome=outcome,
            )
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as error:
            code = getattr(error, "code", None) or type(error).__name__
            raise ServiceUnavailable(
                f"The audit log did not take the entry for `{self.command}` ({code}), so "
                "nothing is shown or written.",
                hint="Run `linkwatch audit verify`, and try again once Neo4j is healthy.",
            ) from None

    def record_document(
        self, document: BaseModel, *, action: AuditAction = AuditAction.CONSULTATION
    ) -> None:
        """Record a document, naming every person whose id appears anywhere in it."""
        self.record(
            people_mentioned(self.driver, self.database, document.model_dump(mode="json")),
            action=action,
        )


@contextmanager
def audited_session(
    command: str, justification: str | None, parameters: dict[str, Any]
) -> Iterator[CliTrail]:
    """A database session for a command that shows personal data, with its trail.

    Parameters
    ----------
    command
        The command as the audit log names it, e.g. ``"linkwatch analyse ego"``.
    justification
        The checked ``--justification``.
    parameters
        The command's arguments and options, as the entry records them.

    Yields
    ------
    CliTrail
        Its ``driver`` and ``database`` are the session's. If the command raises
        :class:`NotFound`, the attempt is recorded (outcome ``not_found``) before the error
        is reported.
    """
    with session_driver(load_settings()) as (driver, target):
        trail = CliTrail(driver, target.database, command, justification, parameters)
        try:
            yield trail
        except NotFound as error:
            trail.record(
                people_mentioned(driver, target.database, parameters),
                extra={"refused": error.message},
                outcome="not_found",
            )
            raise


def record_cli_action(
    driver: neo4j.Driver,
    database: str,
    action: AuditAction,
    command: str,
    parameters: dict[str, Any],
    *,
    people: list[str] | None = None,
    justification: str | None = None,
    outcome: str = "ok",
) -> None:
    """Append an entry for something done at the command line (ingest, reset, users...).

    Raises
    ------
    ConfigurationError
        When the audit key cannot be read (see :func:`governance.audit_key.load_audit_key`).
    ServiceUnavailable
        When Neo4j does not take the entry.
    """
    CliTrail(driver, database, command, justification, parameters).record(
        people or [], action=action, outcome=outcome
    )
