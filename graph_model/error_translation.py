"""One place where library exceptions become the Linkwatch errors a person can act on.

Neo4j's timeouts, a database that cannot be reached or refuses the credentials, an ``OSError``
on a file, bytes that are not UTF-8 in a file Linkwatch reads, and a headless browser that
did not finish in time all end up as a :class:`~graph_model.errors.LinkwatchError` that says
what went wrong and where. The CLI's error handler and the API's problem+json handlers call
:func:`translate` on whatever escapes a command or a route; code that knows which file it is
working on wraps that work in :func:`translating`, so the message names the file (and for
text that is not UTF-8, the line).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import neo4j.exceptions

from graph_model.errors import ConfigurationError, InvalidInput, LinkwatchError, ServiceUnavailable

__all__ = ["TRANSLATED", "translate", "translating"]

#: The library exceptions :func:`translate` may turn into a Linkwatch error (a Playwright
#: ``TimeoutError`` is a subclass of ``Exception`` only, and is recognised when Playwright is
#: loaded).
TRANSLATED: tuple[type[BaseException], ...] = (
    neo4j.exceptions.Neo4jError,
    neo4j.exceptions.DriverError,
    OSError,
    UnicodeDecodeError,
)

_TIMED_OUT = ("TransactionTimedOut", "Transaction.Terminated", "TransactionTerminated")
_UNREACHABLE = (
    neo4j.exceptions.ServiceUnavailable,
    neo4j.exceptions.SessionExpired,
    neo4j.exceptions.ConnectionAcquisitionTimeoutError,
)


def translate(
    error: BaseException, *, path: Path | None = None, role: str = "file", writing: bool = False
) -> LinkwatchError | None:
    """The Linkwatch error that says what ``error`` means for a person, or None if none does.

    Parameters
    ----------
    error
        An exception raised by Neo4j, the operating system, a decoder or Playwright.
    path
        The file being read or written when it was raised, if known.
    role
        What ``path`` is to the person, as they would name it: ``"--out"``, ``"mapping
        file"``.
    writing
        True when ``path`` was being written (an output), False when read.

    Returns
    -------
    LinkwatchError or None
        A :class:`~graph_model.errors.ServiceUnavailable` for a query past its time limit, a
        database that cannot be reached or a browser that did not finish in time; a
        :class:`~graph_model.errors.ConfigurationError` for refused credentials or a file
        Linkwatch itself needs; an :class:`~graph_model.errors.InvalidInput` for a file the
        person named (``path``) that cannot be used or is not UTF-8 text. None for anything
        else: that is a fault in Linkwatch, and keeps its traceback.

    Examples
    --------
    >>> denied = PermissionError(13, "Permission denied", "out.html")
    >>> translate(denied, path=Path("out.html"), role="--out", writing=True).message
    '--out out.html cannot be written: Permission denied.'
    >>> translate(KeyError("x")) is None
    True
    """
    if isinstance(error, LinkwatchError):
        return error
    if isinstance(error, neo4j.exceptions.Neo4jError | neo4j.exceptions.DriverError):
        return _database_error(error)
    if isinstance(error, UnicodeDecodeError):
        return _not_utf8(error, path, role)
    if isinstance(error, OSError):
        return _file_error(error, path, role, writing=writing)
    if _is_browser_timeout(error):
        where = f" {path}" if path else ""
        return ServiceUnavailable(
            f"The browser did not finish drawing{where} in time ({_first_line(error)}).",
            hint="Raise LINKWATCH_BROWSER_TIMEOUT, or try again when the machine is less busy.",
        )
    return None


@contextmanager
def translating(
    *, path: Path | None = None, role: str = "file", writing: bool = False
) -> Iterator[None]:
    """Run the block, turning a library exception into a Linkwatch error naming ``path``.

    Parameters
    ----------
    path
        The file the block reads or writes.
    role
        What it is to the person (``"--out"``, ``"mapping file"``).
    writing
        True when the block writes ``path``.

    Raises
    ------
    LinkwatchError
        What :func:`translate` makes of an exception raised in the block; any other
        exception is raised unchanged.
    """
    try:
        yield
    except LinkwatchError:
        raise
    except Exception as error:
        translated = translate(error, path=path, role=role, writing=writing)
        if translated is None:
            raise
        raise translated from None


def _database_error(error: Exception) -> LinkwatchError | None:
    code = getattr(error, "code", None) or ""
    if any(marker in code for marker in _TIMED_OUT):
        return ServiceUnavailable(
            "The query ran past its time limit.",
            hint="Narrow it (fewer hops, a shorter date range).",
        )
    if isinstance(error, neo4j.exceptions.AuthError):
        return ConfigurationError(
            "Neo4j refused the credentials.", hint="Check NEO4J_USER and NEO4J_PASSWORD."
        )
    if isinstance(error, _UNREACHABLE):
        return ServiceUnavailable("Neo4j is not reachable; try again shortly.")
    return None


def _not_utf8(error: UnicodeDecodeError, path: Path | None, role: str) -> InvalidInput:
    hint = "Save it as UTF-8 (in Excel: 'CSV UTF-8'; in an editor: encoding UTF-8)."
    if path is None:
        return InvalidInput(
            f"Text is not UTF-8: byte 0x{error.object[error.start]:02x} at position "
            f"{error.start} cannot be read as {error.encoding}.",
            hint=hint,
        )
    line, column, byte = _first_bad_byte(path, error)
    return InvalidInput(
        f"{role} {path} is not UTF-8 text: line {line}, column {column} holds byte 0x{byte:02x}.",
        details=[{"field": str(path), "reason": f"line {line}: not {error.encoding}"}],
        hint=hint,
    )


def _first_bad_byte(path: Path, error: UnicodeDecodeError) -> tuple[int, int, int]:
    """Line and column (from 1) and value of the first byte of ``path`` that is not UTF-8."""
    try:
        data = path.read_bytes()
        data.decode(error.encoding)
    except UnicodeDecodeError as whole:
        start = whole.start
    except OSError:
        data, start = error.object, error.start
    else:  # the file changed since it was read; report where the decoder stopped
        data, start = error.object, error.start
    line_start = data.rfind(b"\n", 0, start) + 1
    return data.count(b"\n", 0, start) + 1, start - line_start + 1, data[start]


def _file_error(error: OSError, path: Path | None, role: str, *, writing: bool) -> LinkwatchError:
    reason = error.strerror or type(error).__name__
    if path is not None:
        if writing:
            return InvalidInput(
                f"{role} {path} cannot be written: {reason}.",
                hint="Check that its folder exists and that you may write there, or choose "
                f"another {role}.",
            )
        return InvalidInput(
            f"{role} {path} cannot be read: {reason}.", hint="Check the path and its permissions."
        )
    where = f" {error.filename}" if error.filename else " a file"
    return ConfigurationError(
        f"Linkwatch cannot use{where}: {reason}.",
        hint="Check the path and its permissions, and that the disk is not full.",
    )


def _is_browser_timeout(error: BaseException) -> bool:
    """True for Playwright's TimeoutError (Playwright is loaded only to take pictures)."""
    playwright = sys.modules.get("playwright.sync_api")
    timeout = getattr(playwright, "TimeoutError", None)
    return timeout is not None and isinstance(error, timeout)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
