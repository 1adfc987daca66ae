"""Per-kind Cypher generated from one reviewed template per protocol.

A protocol that every kind follows the same way (the store's upsert and get, an ego network
by hop count) is written once, as a template in ``<package>/cypher/templates/``, and filled
from the model declarations. The statements it makes are committed beside the hand-written
ones (reviewed Cypher in files, loaded by name as before); a test renders them all again and
compares, so a template and its files cannot drift.

Templates are filled only with allow-listed values: labels and relationship types from their
enums, identifiers (field and model names), booleans and integers. Every value a statement
works on stays a ``$parameter``.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path

import jinja2

from graph_model.kinds import NodeLabel, RelType

__all__ = [
    "REGENERATE",
    "GeneratedCypher",
    "TemplateValueError",
    "differences",
    "render",
    "run",
    "write",
]

#: The command that regenerates every generated statement, named in each file's first line.
REGENERATE = "make cypher"

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class TemplateValueError(ValueError):
    """A template was given a value that is not on the allow-list."""


@dataclass(frozen=True)
class GeneratedCypher:
    """One generated statement: where it goes, which template made it, and its text.

    Parameters
    ----------
    package
        The package that ships the statement (``graph_model``, ``queries``).
    name
        Its name for :func:`graph_model.cypher_catalogue.cypher`, e.g. ``"nodes/merge_person"``.
    template
        The template's name in ``<package>/cypher/templates/``, without the suffix.
    text
        The statement, its first line saying that it is generated and how.
    """

    package: str
    name: str
    template: str
    text: str

    @property
    def display_path(self) -> str:
        """The file's path from the repository root, e.g. ``graph_model/cypher/nodes/x.cypher``."""
        return f"{self.package}/cypher/{self.name}.cypher"

    @property
    def path(self) -> Path:
        """Where the file is on this machine (inside the package's folder)."""
        return _cypher_folder(self.package) / f"{self.name}.cypher"


def _cypher_folder(package: str) -> Path:
    module = importlib.import_module(package)
    if module.__file__ is None:
        raise TemplateValueError(f"package {package!r} has no folder to hold Cypher files")
    return Path(module.__file__).parent / "cypher"


@cache
def _environment(package: str) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_cypher_folder(package) / "templates"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # The output is Cypher, not HTML, and every value is allow-listed (_checked).
        autoescape=False,  # noqa: S701
    )


def _checked(template: str, name: str, value: object) -> object:
    if isinstance(value, Enum):
        if isinstance(value, NodeLabel | RelType):
            return value.value
        raise TemplateValueError(
            f"template {template!r}, value {name!r}: {value!r} is not a node label or a "
            "relationship type"
        )
    if isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        if _IDENTIFIER.fullmatch(value):
            return value
        raise TemplateValueError(
            f"template {template!r}, value {name!r}: {value!r} is not an identifier (letters, "
            "digits and underscores); a value for the statement to use is a $parameter"
        )
    if isinstance(value, tuple | list):
        return tuple(_checked(template, name, item) for item in value)
    raise TemplateValueError(
        f"template {template!r}, value {name!r}: a {type(value).__name__} cannot fill a template"
    )


def render(package: str, template: str, name: str, **values: object) -> GeneratedCypher:
    """Fill a template with allow-listed values.

    Parameters
    ----------
    package
        The package whose ``cypher/templates/`` holds the template, and which ships the result.
    template
        The template's name without the suffix, e.g. ``"node_merge"``.
    name
        The statement's name, e.g. ``"nodes/merge_person"``.
    **values
        What the template uses: :class:`NodeLabel` and :class:`RelType` members, identifiers,
        booleans, integers, and tuples of them.

    Returns
    -------
    GeneratedCypher
        The statement, headed by a line naming its template and :data:`REGENERATE`.

    Raises
    ------
    TemplateValueError
        If a value is not on the allow-list, or the template uses a value it was not given.
    jinja2.TemplateNotFound
        If there is no such template.

    Examples
    --------
    >>> from graph_model.kinds import NodeLabel
    >>> statement = render("graph_model", "node_get", "nodes/get_person", label=NodeLabel.PERSON)
    >>> print(statement.text.splitlines()[1])
    MATCH (n:Person {id: $key})
    >>> render("graph_model", "node_get", "nodes/get_x", label="Person) DETACH DELETE (n")
    Traceback (most recent call last):
    ...
    graph_model.cypher_templates.TemplateValueError: template 'node_get', value 'label': ...
    """
    checked = {key: _checked(template, key, value) for key, value in values.items()}
    source = f"{package}/cypher/templates/{template}.cypher"
    try:
        body = _environment(package).get_template(f"{template}.cypher").render(checked)
    except jinja2.UndefinedError as error:
        raise TemplateValueError(f"template {source}: {error.message}") from None
    header = f"// Generated from {source} by `{REGENERATE}`; edit the template, not this file.\n"
    return GeneratedCypher(package=package, name=name, template=template, text=header + body)


def differences(statements: Iterable[GeneratedCypher]) -> list[str]:
    """Say, file by file, where the files on disk differ from freshly generated statements.

    Parameters
    ----------
    statements
        The statements as they should be.

    Returns
    -------
    list[str]
        One entry per missing or stale file: its path and a unified diff (empty if none).
    """
    found = []
    for statement in statements:
        if not statement.path.is_file():
            found.append(f"{statement.display_path} is missing (template {statement.template}).")
            continue
        on_disk = statement.path.read_text(encoding="utf-8")
        if on_disk != statement.text:
            diff = difflib.unified_diff(
                on_disk.splitlines(keepends=True),
                statement.text.splitlines(keepends=True),
                fromfile=f"{statement.display_path} (on disk)",
                tofile=f"{statement.display_path} (from {statement.template})",
            )
            found.append("".join(diff))
    return found


def write(statements: Iterable[GeneratedCypher]) -> list[GeneratedCypher]:
    """Write every statement whose file is missing or differs; return those written."""
    written = []
    for statement in statements:
        path = statement.path
        if path.is_file() and path.read_text(encoding="utf-8") == statement.text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(statement.text, encoding="utf-8")
        written.append(statement)
    return written


def run(statements: Sequence[GeneratedCypher], argv: Sequence[str] | None = None) -> int:
    """The command line of a generating module: write the statements, or check them.

    Parameters
    ----------
    statements
        Everything the module generates.
    argv
        Arguments (default: the process's); ``--check`` writes nothing and fails on a
        difference.

    Returns
    -------
    int
        The exit status: 0, or 1 when ``--check`` found a missing or stale file.
    """
    parser = argparse.ArgumentParser(description="Regenerate per-kind Cypher from templates.")
    parser.add_argument(
        "--check", action="store_true", help="write nothing; fail if a file is missing or stale"
    )
    arguments = parser.parse_args(argv)
    if arguments.check:
        found = differences(statements)
        for difference in found:
            print(difference)
        return 1 if found else 0
    written = write(statements)
    for statement in written:
        print(f"wrote {statement.display_path}")
    print(f"{len(statements)} generated statements, {len(written)} rewritten.")
    return 0
