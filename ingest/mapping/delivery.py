"""A delivery: the files a force was sent this time, matched to the sources of a mapping.

Agencies deliver separately and on their own schedules, so a delivery holds any subset of a
mapping's sources: a folder (or several), or files named one by one. A source with no file in
the delivery is *not in this delivery*; a source named by a pattern (``nhs_extract_*.csv``)
may have several files, loaded one after another in natural name order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from graph_model.errors import InvalidInput, NotFound
from ingest.mapping.spec import FileMapping, Mapping

__all__ = ["Delivery", "DeliveryFile", "delivery_files", "natural_key", "resolve_delivery"]

_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[list[int | str], str]:
    """Sort key putting file names in natural order: runs of digits compare as numbers.

    Dated names (``2025-01``, ``202501``, ``2025_1``) therefore load oldest first, and
    ``month_9`` comes before ``month_10``.

    Parameters
    ----------
    name
        A file name.

    Returns
    -------
    tuple
        Text and number parts (text case-folded), then the name itself to break ties.

    Examples
    --------
    >>> sorted(["nhs_10.csv", "nhs_9.csv", "NHS_2.csv"], key=natural_key)
    ['NHS_2.csv', 'nhs_9.csv', 'nhs_10.csv']
    """
    parts: list[int | str] = [
        int(part) if index % 2 else part.casefold()
        for index, part in enumerate(_DIGITS.split(name))
    ]
    return parts, name


@dataclass(frozen=True)
class DeliveryFile:
    """One file of a delivery, and the source of the mapping it belongs to."""

    source: FileMapping
    path: Path
    #: Unique name in the load summary: the source's name, or ``source:file`` when a source
    #: has several files (or is named by pattern).
    label: str


@dataclass(frozen=True)
class Delivery:
    """What a delivery holds, in load order (mapping order, then natural name order)."""

    mapping: Mapping
    files: tuple[DeliveryFile, ...]
    #: Sources of the mapping with no file in this delivery.
    absent: tuple[FileMapping, ...]
    #: Files in the delivery's folders that belong to no source (shown, never read).
    ignored: tuple[Path, ...] = ()

    def require_all(self) -> None:
        """Refuse a delivery that lacks any non-optional source (``--require-all``).

        Raises
        ------
        InvalidInput
            Naming each missing source and the file it looks for; nothing has been loaded.
        """
        missing = [source for source in self.absent if not source.optional]
        if missing:
            listed = ", ".join(f"{source.name} ({source.path})" for source in missing)
            raise InvalidInput(
                f"--require-all: this delivery lacks {len(missing)} of the "
                f"{len(self.mapping.files)} sources of mapping {self.mapping.name!r}: "
                f"{listed}. Nothing was loaded.",
                hint="Add the missing files, or drop --require-all to load a partial delivery.",
            )


def delivery_files(paths: Sequence[Path], mapping: Mapping) -> dict[str, list[Path]]:
    """The files of a delivery that belong to each source of ``mapping``.

    A folder contributes every file that a source names (by name or pattern, relative to the
    folder); a file named on its own belongs to the source whose name or pattern it fits.

    Parameters
    ----------
    paths
        Folders and files, in the order given.
    mapping
        The mapping.

    Returns
    -------
    dict
        Source name -> its files (in the order found); sources with no file map to ``[]``.

    Raises
    ------
    NotFound
        If a path does not exist.
    InvalidInput
        If a file fits two sources.
    """
    for path in paths:
        if not path.exists():
            raise NotFound(f"{path} does not exist.", hint="Give a folder or files to load.")
    per_source: dict[str, list[Path]] = {source.name: [] for source in mapping.files}
    owner: dict[Path, str] = {}
    for source in mapping.files:
        for path in paths:
            if path.is_dir():
                hits = sorted(p for p in path.glob(source.path) if p.is_file())
            else:
                hits = [path] if source.matches(path) else []
            for hit in hits:
                key = hit.resolve()
                if owner.get(key, source.name) != source.name:
                    raise InvalidInput(
                        f"{hit} fits two sources of mapping {mapping.name!r}: "
                        f"{owner[key]} and {source.name}.",
                        hint="Make the mapping's file names or patterns distinct.",
                    )
                if key not in owner:
                    owner[key] = source.name
                    per_source[source.name].append(hit)
    return per_source


def resolve_delivery(paths: Sequence[Path], mapping: Mapping) -> Delivery:
    """Match the files of a delivery to the sources of ``mapping``, in load order.

    Sources load in mapping order; the files of one source in natural name order
    (:func:`natural_key`), so monthly files load oldest first. Files in the folders that no
    source names are ignored (and listed); a file named on its own must belong to a source.

    Parameters
    ----------
    paths
        Folders and files holding the delivery.
    mapping
        The mapping they are read with.

    Returns
    -------
    Delivery
        The files per source in load order, and the sources not in this delivery.

    Raises
    ------
    NotFound
        If a path does not exist, or the delivery holds no file of the mapping at all
        (the message names the files looked for).
    InvalidInput
        If a named file belongs to no source, or a file fits two sources.
    """
    per_source = delivery_files(paths, mapping)
    claimed = {hit.resolve() for hits in per_source.values() for hit in hits}
    strays = [path for path in paths if path.is_file() and path.resolve() not in claimed]
    if strays:
        raise InvalidInput(
            f"{', '.join(str(p) for p in strays)}: not a file of mapping {mapping.name!r}, "
            f"whose sources read {_looked_for(mapping)}.",
            hint="Rename the file as the mapping expects, or choose another --mapping.",
        )
    if not claimed:
        raise NotFound(
            f"{', '.join(str(p) for p in paths)} holds no file of mapping {mapping.name!r}; "
            f"it looks for {_looked_for(mapping)}.",
            hint="Check the folder, or choose another --mapping.",
        )
    files: list[DeliveryFile] = []
    labels: set[str] = set()
    for source in mapping.files:
        hits = sorted(per_source[source.name], key=lambda p: natural_key(p.name))
        for hit in hits:
            label = source.name
            if source.is_pattern or len(hits) > 1:
                label = f"{source.name}:{hit.name}"
            if label in labels:  # the same file name in two folders of one delivery
                label = f"{source.name}:{hit.parent.name}/{hit.name}"
            labels.add(label)
            files.append(DeliveryFile(source, hit, label))
    in_folders = [p for path in paths if path.is_dir() for p in path.iterdir() if p.is_file()]
    return Delivery(
        mapping=mapping,
        files=tuple(files),
        absent=tuple(source for source in mapping.files if not per_source[source.name]),
        ignored=tuple(sorted(p for p in in_folders if p.resolve() not in claimed)),
    )


def _looked_for(mapping: Mapping) -> str:
    return ", ".join(source.path for source in mapping.files)
