"""Shared helpers for CLI commands: settings, console output, error reporting."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

import neo4j
import typer
from pydantic import ValidationError
from rich.console import Console
from rich.text import Text

from graph_model.error_translation import translate
from graph_model.errors import ConfigurationError, LinkwatchError
from graph_model.settings import Settings, get_settings
from queries.people import PersonIdentity, resolve_person

__all__ = ["console", "current_id", "error_console", "load_settings", "reports_errors"]

console = Console(highlight=False)
error_console = Console(stderr=True, highlight=False)

P = ParamSpec("P")
R = TypeVar("R")


def load_settings() -> Settings:
    """Return the settings, turning a bad environment variable into a clear error.

    Raises
    ------
    ConfigurationError
        Naming each variable that is wrong and why.
    """
    try:
        return get_settings()
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in issue['loc']).upper()}: {issue['msg']}"
            for issue in error.errors()
        )
        raise ConfigurationError(f"Invalid configuration: {problems}.") from None


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Decorate a command so a :class:`LinkwatchError` prints one clear message, exit 1.

    A library exception that :func:`graph_model.error_translation.translate` knows (a query
    past its time limit, a file that cannot be written, text that is not UTF-8, a browser
    that did not finish) is reported the same way, translated as the API translates it; any
    other exception is a fault in Linkwatch and keeps its traceback.

    Parameters
    ----------
    command
        The command function.

    Returns
    -------
    Callable
        The wrapped command.
    """

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except Exception as error:
            translated = translate(error)
            if translated is None:
                raise
            _report(translated)
            raise typer.Exit(code=1) from None

    return wrapper


def _report(error: LinkwatchError) -> None:
    error_console.print(Text.assemble(("error: ", "bold red"), error.message), soft_wrap=True)
    if error.hint:
        error_console.print(Text.assemble(("hint: ", "dim"), error.hint), soft_wrap=True)
    sys.stderr.flush()


def current_id(driver: neo4j.Driver, database: str, identifier: str) -> PersonIdentity:
    """Follow an id through merges, saying on stderr when it now names another person."""
    identity = resolve_person(driver, database, identifier)
    if identity.moved_from:
        when = f" on {identity.merged_at:%Y-%m-%d}" if identity.merged_at else ""
        error_console.print(
            f"{identifier} was merged into {identity.id}{when} ({identity.change}); "
            f"showing {identity.id}."
        )
    return identity
