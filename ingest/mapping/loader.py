"""Reading a mapping: from a YAML file or by built-in name, with errors that name the line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from graph_model.error_translation import translating
from graph_model.errors import InvalidInput, NotFound
from ingest.mapping.delivery import delivery_files
from ingest.mapping.spec import Extraction, Mapping, ValueSpec

__all__ = ["BUILT_IN", "detect_mapping", "load_mapping", "parse_mapping"]

#: Names usable with ``--mapping NAME``; each is ``ingest/mappings/NAME.yaml``.
BUILT_IN = ("generator", "generator-niche", "generator-athena", "pole")


def _line_index(node: yaml.Node, path: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[(*path, key.value)] = key.start_mark.line + 1
            _line_index(value, (*path, key.value), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_index(item, (*path, index), lines)


def _line_of(location: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> int:
    for end in range(len(location), -1, -1):
        if location[:end] in lines:
            return lines[location[:end]]
    return 1


def parse_mapping(text: str, *, origin: str) -> Mapping:
    """Parse and validate mapping YAML.

    Parameters
    ----------
    text
        The YAML text.
    origin
        Where it came from (a file path or ``built-in NAME``), used in messages.

    Returns
    -------
    Mapping
        The validated mapping.

    Raises
    ------
    InvalidInput
        With one detail per problem, each naming the line, e.g. ``pole.yaml line 12
        (files.2.nodes.0.kind): ...``.
    """
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise InvalidInput(
            f"{origin}{where}: not valid YAML ({getattr(error, 'problem', error)})."
        ) from None
    if root is None or not isinstance(data, dict):
        raise InvalidInput(
            f"{origin}: a mapping must be a YAML object with name, source_system and files."
        )
    lines: dict[tuple[Any, ...], int] = {}
    _line_index(root, (), lines)
    try:
        mapping = Mapping.model_validate(data)
    except ValidationError as error:
        details = []
        for issue in error.errors():
            location = tuple(issue["loc"])
            # pydantic adds a union/validator step name ("function-after[...]") to some locations
            clean = tuple(part for part in location if not (isinstance(part, str) and "[" in part))
            line = _line_of(clean, lines)
            # A model-level check names the offending key in its message ("no properties
            # ['occured_on']"): point at that key's own line when it lies below the location.
            for path, key_line in lines.items():
                if (
                    len(path) > len(clean)
                    and path[: len(clean)] == clean
                    and f"'{path[-1]}'" in issue["msg"]
                ):
                    line, clean = key_line, path
                    break
            # or it says where, as "(at files.2.source_system)"
            named = re.search(r"\(at ([\w.]+)\)", issue["msg"])
            if named:
                path = tuple(int(p) if p.isdigit() else p for p in named.group(1).split("."))
                if (*clean, *path) in lines:
                    clean = (*clean, *path)
                    line = lines[clean]
            details.append(
                {
                    "field": ".".join(str(part) for part in clean),
                    "line": str(line),
                    "reason": issue["msg"],
                }
            )
        summary = "; ".join(f"line {d['line']} ({d['field']}): {d['reason']}" for d in details[:5])
        raise InvalidInput(f"{origin} is not a valid mapping: {summary}", details=details) from None
    _note_lines(mapping, lines)
    return mapping


def _note_lines(mapping: Mapping, lines: dict[tuple[Any, ...], int]) -> None:
    """Tell every value and extraction the line it is written on (for row problems)."""

    def note(item: ValueSpec | Extraction, *path: Any) -> None:
        item._line = _line_of(path, lines)

    for f, source in enumerate(mapping.files):
        at = ("files", f)
        note(source.record_id, *at, "record_id")
        for index, extraction in enumerate(source.extract):
            note(extraction, *at, "extract", index)
        for index, node in enumerate(source.nodes):
            note(node.key, *at, "nodes", index, "key")
            for name, spec in node.properties.items():
                note(spec, *at, "nodes", index, "properties", name)
        for index, person in enumerate(source.person_records):
            note(person.key, *at, "person_records", index, "key")
            for name, spec in person.fields.items():
                note(spec, *at, "person_records", index, "fields", name)
        for index, tie in enumerate(source.relationships):
            for end_name, end in (("source", tie.source), ("target", tie.target)):
                side = "node" if end.node is not None else "person_record"
                note(end.spec, *at, "relationships", index, end_name, side)
            for name, spec in tie.properties.items():
                note(spec, *at, "relationships", index, "properties", name)


@cache
def _built_in_text(name: str) -> str:
    return resources.files("ingest.mappings").joinpath(f"{name}.yaml").read_text(encoding="utf-8")


def load_mapping(name_or_path: str) -> Mapping:
    """Load a built-in mapping by name, or a mapping file by path.

    Raises
    ------
    NotFound
        If it is neither a built-in name nor an existing file.
    InvalidInput
        If the mapping is not valid, or the file is not UTF-8 text or cannot be read (the
        message names the line).
    """
    if name_or_path in BUILT_IN:
        return parse_mapping(
            _built_in_text(name_or_path), origin=f"built-in mapping {name_or_path!r}"
        )
    path = Path(name_or_path)
    if not path.is_file():
        raise NotFound(
            f"Mapping {name_or_path!r} is neither a built-in mapping "
            f"({', '.join(BUILT_IN)}) nor a file."
        )
    with translating(path=path, role="mapping file"):
        text = path.read_text(encoding="utf-8")
    return parse_mapping(text, origin=str(path))


def detect_mapping(paths: Path | Sequence[Path]) -> Mapping:
    """Pick the built-in mapping that a delivery's files belong to.

    A delivery may be partial (agencies deliver separately): a built-in mapping that lists
    ``detect`` files recognises a folder holding *any* of its files, by name or pattern.

    Parameters
    ----------
    paths
        A folder, or folders and files (as given to ``linkwatch ingest``).

    Returns
    -------
    Mapping
        The one built-in mapping whose files the delivery holds.

    Raises
    ------
    NotFound
        If a path does not exist, or no built-in mapping recognises any file (the message
        lists the files each mapping looks for).
    InvalidInput
        If files of more than one built-in mapping are present (extracts of several
        layouts), naming which files fit which mapping.
    """
    given = [paths] if isinstance(paths, Path) else list(paths)
    candidates = [mapping for mapping in map(load_mapping, BUILT_IN) if mapping.detect]
    found: list[tuple[Mapping, list[Path]]] = []
    for mapping in candidates:
        hits = [hit for hits in delivery_files(given, mapping).values() for hit in hits]
        if hits:
            found.append((mapping, hits))
    where = ", ".join(str(path) for path in given)
    if len(found) > 1:
        fits = "; ".join(f"{mapping.name} ({_names(hits)})" for mapping, hits in found)
        raise InvalidInput(
            f"The files in {where} fit several built-in mappings: {fits}.",
            hint="Name one with --mapping, or keep each layout's extracts in its own folder.",
        )
    if found:
        return found[0][0]
    held = [p for path in given for p in (path.iterdir() if path.is_dir() else [path])]
    looked = "; ".join(
        f"{mapping.name} ({', '.join(mapping.detect)} or any of its "
        f"{len(mapping.files) - len(set(mapping.detect))} other files)"
        for mapping in candidates
    )
    raise NotFound(
        f"No built-in mapping recognises the files in {where} "
        f"(it holds {_names(held) or 'no files'}). Looked for the files of {looked}.",
        hint=f"Name one with --mapping ({', '.join(BUILT_IN)}) or give a mapping file.",
    )


def _names(paths: list[Path], limit: int = 8) -> str:
    names = sorted(path.name for path in paths)
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more
