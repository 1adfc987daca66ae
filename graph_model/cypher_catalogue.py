"""Loads Cypher statements from ``.cypher`` files shipped inside a package.

Every statement Linkwatch runs lives in a file, one statement per file, and every value is a
``$parameter``; nothing is ever formatted into a query string. A caller that needs to choose
a label or type picks a file by name from an allow-list (an Enum), never by free text.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import LiteralString, cast

__all__ = ["cypher", "cypher_names"]


@cache
def cypher(name: str, *, package: str = "graph_model") -> LiteralString:
    """Return the statement stored in ``<package>/cypher/<name>.cypher``.

    Parameters
    ----------
    name
        Path below the package's ``cypher/`` folder without the suffix, e.g.
        ``"nodes/merge_person"``.
    package
        The package that ships the file.

    Returns
    -------
    LiteralString
        The statement text (typed as a literal: it comes from a reviewed file).

    Raises
    ------
    FileNotFoundError
        If no such file is shipped.

    Examples
    --------
    >>> "MERGE (n:Person" in cypher("nodes/merge_person")
    True
    """
    resource = resources.files(package).joinpath("cypher", f"{name}.cypher")
    if not resource.is_file():
        raise FileNotFoundError(f"no Cypher statement {name!r} in package {package!r}")
    return cast(LiteralString, resource.read_text(encoding="utf-8"))


def cypher_names(folder: str, *, package: str = "graph_model") -> list[str]:
    """List the statement names in one folder of a package's ``cypher/`` tree, sorted.

    Parameters
    ----------
    folder
        Sub-folder, e.g. ``"schema"``.
    package
        The package that ships the files.

    Returns
    -------
    list[str]
        Names usable with :func:`cypher`, e.g. ``"schema/person_id_unique"``.
    """
    directory = resources.files(package).joinpath("cypher", folder)
    return sorted(
        f"{folder}/{entry.name.removesuffix('.cypher')}"
        for entry in directory.iterdir()
        if entry.name.endswith(".cypher")
    )
