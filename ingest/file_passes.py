"""The passes an ingest makes over one delivered file, each reading it in chunks of rows.

A file is read up to three times, so that memory follows a chunk, not the file:

1. :func:`validate_file` builds every row, quarantines the bad ones and keeps only the
   person records (record linkage needs the delivery's records together) and a
   :class:`RowScreen`: which rows were bad, and which placeholder people a row left out.
   Nothing is written, so a file over ``--max-bad`` leaves the graph as it was.
2. :func:`write_file_nodes` builds only the nodes of the good rows and writes them, chunk
   by chunk (a file whose mapping makes no nodes is not read again). The next chunk is
   built while the last is written (:func:`ingest.prefetch.prefetched`).
3. :func:`write_file_relationships` builds only the relationships of the good rows and
   writes them, once record linkage has said which person each person record describes,
   and once every file's nodes are in (a file whose mapping makes none is not read again).

Building a row again costs about as much as keeping what it built in a spill file
(43 against 45 microseconds a row on the small scale, measured 2026-12-02), so the passes
rebuild rather than spill. The row builder is deterministic: a row the first pass found
good builds the same nodes and relationships in the later passes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from graph_model.base import GraphNode, GraphRelationship
from graph_model.store import GraphStore
from ingest.identity.apply import resolve_ids
from ingest.mapping.delivery import DeliveryFile
from ingest.prefetch import prefetched
from ingest.quarantine import QuarantineWriter
from ingest.reader import CHUNK_ROWS, file_digest, read_source_chunks
from ingest.rows import (
    PendingRelationship,
    PersonRecord,
    Problem,
    RowBuilder,
    RowOutput,
    RowPart,
)

__all__ = [
    "BuiltRow",
    "FilePass",
    "RowScreen",
    "SourceCounts",
    "file_unchanged",
    "validate_file",
    "write_file_nodes",
    "write_file_relationships",
]


@dataclass
class SourceCounts:
    """What happened to one file (or to one source not in this delivery)."""

    rows: int = 0
    loaded: int = 0
    unchanged: int = 0
    quarantined: int = 0
    #: ``loaded``, ``failed``, ``already loaded`` (same content loaded before: not re-read),
    #: ``not in delivery``, ``skipped`` (an optional source not present).
    status: str = "pending"
    message: str = ""
    source: str = ""
    file: str = ""


@dataclass(frozen=True)
class BuiltRow:
    """One row as the mapping builds it, with its number as a spreadsheet shows it."""

    number: int
    record_id: str
    out: RowOutput


@dataclass(frozen=True)
class RowScreen:
    """What the first pass over a file found, so that the later passes build less."""

    #: Numbers of the rows quarantined.
    bad_rows: frozenset[int] = frozenset()
    #: Row number -> the placeholder person records the row left out (rows with none absent).
    absent: dict[int, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Chunk:
    """A chunk of a file: how many rows it held, and those built (a later pass: good ones)."""

    read: int
    rows: list[BuiltRow]


#: ``progress(rows_done)`` after each chunk of a pass.
ChunkProgress = Callable[[int], None]


@dataclass(frozen=True)
class FilePass:
    """What every pass over one file needs: the file, how to build its rows, chunk size."""

    item: DeliveryFile
    source_system: str
    run_id: str
    loaded_at: datetime
    chunk_rows: int = CHUNK_ROWS
    health: bool = False

    def chunks(
        self, part: RowPart = RowPart.ALL, screen: RowScreen | None = None
    ) -> Iterator[Chunk]:
        """The file's rows, built, a chunk at a time.

        Parameters
        ----------
        part
            What to build of each row.
        screen
            The first pass's findings: its bad rows are skipped (not built), and its
            placeholders are left out of the relationships.

        Raises
        ------
        SourceFileError
            If the file cannot be read (before the first chunk) or breaks part way.
        """
        mapping = self.item.source
        builder = RowBuilder(
            mapping, self.source_system, self.run_id, self.loaded_at, health=self.health
        )
        id_columns = mapping.record_id.referenced_columns()
        first = mapping.first_data_row
        bad = screen.bad_rows if screen else frozenset()
        absent = screen.absent if screen else {}
        for frame in read_source_chunks(self.item.path, mapping, chunk_rows=self.chunk_rows):
            start = frame.index.start if len(frame) else 0
            built = []
            for offset, row in enumerate(frame.to_dict("records")):
                number = start + offset + first
                if number in bad:
                    continue
                record_id = str(row.get(id_columns[0], "")) if id_columns else ""
                out = builder.build(row, number, part, absent.get(number, frozenset()))
                built.append(BuiltRow(number, record_id, out))
            yield Chunk(len(frame), built)


def validate_file(
    file_pass: FilePass,
    counts: SourceCounts,
    quarantine: QuarantineWriter,
    progress: ChunkProgress,
) -> tuple[dict[str, PersonRecord], RowScreen]:
    """Build every row of a file, quarantining the bad ones; write nothing to the graph.

    Parameters
    ----------
    file_pass
        The file and how to build its rows.
    counts
        Updated with the rows read and quarantined.
    quarantine
        Where the bad rows go.
    progress
        Called with the rows read so far after each chunk.

    Returns
    -------
    records : dict
        The file's person records by key (a later row's record of the same key wins).
    screen : RowScreen
        The rows quarantined and the placeholders left out, for the later passes.

    Raises
    ------
    SourceFileError
        If the file cannot be read; rows quarantined until then stay in the quarantine file.
    """
    item = file_pass.item
    records: dict[str, PersonRecord] = {}
    bad: set[int] = set()
    absent: dict[int, frozenset[str]] = {}
    for chunk in file_pass.chunks():
        for row in chunk.rows:
            counts.rows += 1
            if row.out.problems:
                counts.quarantined += 1
                bad.add(row.number)
                quarantine.add(
                    item.source.name, item.path.name, row.number, row.record_id, row.out.problems
                )
                continue
            if row.out.absent:
                absent[row.number] = frozenset(row.out.absent)
            for record in row.out.records:
                records[record.key] = record
        progress(counts.rows)
    return records, RowScreen(frozenset(bad), absent)


def write_file_nodes(
    store: GraphStore,
    file_pass: FilePass,
    screen: RowScreen,
    counts: SourceCounts,
    progress: ChunkProgress,
) -> None:
    """Write the nodes of a file's good rows (as ``screen`` says), a chunk at a time.

    Many rows may name the same node (a place, an incident): within a file, the first row's
    version of each node is written, as if the file were written at once.
    """
    if not file_pass.item.source.nodes:
        progress(counts.rows)
        return
    written_keys: set[bytes] = set()  # digests: 16 bytes a node, not its key's length
    done = 0
    for chunk in prefetched(file_pass.chunks(RowPart.NODES, screen)):
        nodes: list[GraphNode] = []
        for row in chunk.rows:
            for node in row.out.nodes:
                key = _digest((node.spec.label.value, node.id))
                if key not in written_keys:
                    written_keys.add(key)
                    nodes.append(node)
        result = store.upsert_nodes(nodes, scope=file_pass.item.source.name, partial=True)
        counts.loaded += result.written - result.unchanged
        counts.unchanged += result.unchanged
        done += chunk.read
        progress(done)


def write_file_relationships(
    store: GraphStore,
    file_pass: FilePass,
    screen: RowScreen,
    person_of: dict[str, str],
    counts: SourceCounts,
    quarantine: QuarantineWriter,
    progress: ChunkProgress,
) -> None:
    """Write the relationships of a file's good rows, a chunk at a time.

    Parameters
    ----------
    store
        Where to write.
    file_pass
        The file and how to build its rows.
    screen
        What the first pass found: the good rows, and the placeholders they left out.
    person_of
        Person record key -> person id, for the records this delivery linked. Records
        delivered earlier are looked up in the graph, a chunk's keys at a time.
    counts
        Updated with relationships written, unchanged and quarantined (broken references).
    quarantine
        Where relationships with a broken reference go.
    progress
        Called with the rows done so far after each chunk.
    """
    if not file_pass.item.source.relationships:
        progress(counts.rows)
        return
    done = 0
    written: set[bytes] = set()
    for number, chunk in enumerate(prefetched(file_pass.chunks(RowPart.RELATIONSHIPS, screen))):
        pending = [item for row in chunk.rows for item in row.out.relationships]
        earlier = sorted(
            {
                getattr(item.relationship, end)
                for item in pending
                for end, is_record in (
                    ("source_id", item.source_is_record),
                    ("target_id", item.target_is_record),
                )
                if is_record
            }
            - person_of.keys()
        )
        # records delivered earlier: their people are in the graph already
        lookup = {**resolve_ids(store, earlier), **person_of} if earlier else person_of
        _write_relationships(
            store, file_pass.item, number, pending, lookup, counts, quarantine, written
        )
        done += chunk.read
        progress(done)


def file_unchanged(file_pass: FilePass, digest: str) -> bool:
    """Whether the file still has the content (sha256) it had when the load began."""
    return file_digest(file_pass.item.path) == digest


def _write_relationships(
    store: GraphStore,
    delivered: DeliveryFile,
    chunk: int,
    items: list[PendingRelationship],
    person_of: dict[str, str],
    counts: SourceCounts,
    quarantine: QuarantineWriter,
    written: set[bytes],
) -> None:
    """Write one chunk's relationships.

    ``written`` holds a digest of each relationship an earlier chunk of the file wrote. A
    relationship stated again (often by another record of the same person) is written once,
    as its first row says it, naming every record behind it: within a chunk by folding the
    rows together, across chunks by adding only the new records to ``via_records``. So the
    graph is the same whatever the chunk size.

    A relationship keeps one content hash per scope, so the two kinds of write keep theirs
    apart: the whole relationship under the source's name, the records a later chunk adds
    under ``source+records@chunk``. A re-load of the same file (same chunks) then finds
    every write unchanged, rather than each write replacing the other's hash.
    """
    resolved: list[GraphRelationship] = []
    rows: list[int] = []
    digests: list[bytes] = []
    additions: set[int] = set()  # indexes in resolved of records-only writes
    seen: dict[tuple[object, ...], int] = {}
    for item in items:
        final, via = _with_people(delivered, item, person_of, counts, quarantine)
        if final is None:
            continue
        identity = (
            type(final),
            final.source_id,
            final.target_id,
            *(getattr(final, k) for k in final.spec.merge_keys),
        )
        if identity in seen:
            index = seen[identity]
            if via:
                merged = sorted({*(resolved[index].via_records or []), *via})
                resolved[index] = resolved[index].model_copy(update={"via_records": merged})
            continue
        digest = _digest(identity)
        if digest in written:
            if not via:  # stated before, by no person record: nothing to add
                continue
            final = _records_only(final)
            additions.add(len(resolved))
        seen[identity] = len(resolved)
        resolved.append(final)
        rows.append(item.row_number)
        digests.append(digest)
    name = delivered.source.name
    missing_end: list[GraphRelationship] = []
    for scope, batch in (
        (name, [r for i, r in enumerate(resolved) if i not in additions]),
        (f"{name}+records@{chunk}", [resolved[i] for i in sorted(additions)]),
    ):
        if not batch:
            continue
        result = store.upsert_relationships(batch, scope=scope, partial=True)
        counts.loaded += result.written - result.unchanged
        counts.unchanged += result.unchanged
        missing_end += result.missing_end
    missing = {id(relationship) for relationship in missing_end}
    written.update(d for r, d in zip(resolved, digests, strict=True) if id(r) not in missing)
    if missing_end:
        row_of = {id(r): n for r, n in zip(resolved, rows, strict=True)}
        for relationship in missing_end:
            spec = relationship.spec
            quarantine.add(
                delivered.source.name,
                delivered.path.name,
                row_of.get(id(relationship), 0),
                relationship.source_record_id,
                [
                    Problem(
                        "source_id/target_id",
                        f"{relationship.source_id} -> {relationship.target_id}",
                        f"broken reference: no {spec.source.value} or no "
                        f"{spec.target.value} with these keys",
                    ),
                ],
            )
            counts.quarantined += 1


def _digest(identity: tuple[object, ...]) -> bytes:
    return hashlib.blake2b(repr(identity).encode(), digest_size=16).digest()


def _with_people(
    delivered: DeliveryFile,
    item: PendingRelationship,
    person_of: dict[str, str],
    counts: SourceCounts,
    quarantine: QuarantineWriter,
) -> tuple[GraphRelationship | None, list[str]]:
    """The relationship with its person-record ends replaced by people, and those records.

    A record no person is known for quarantines the relationship (``None``).
    """
    relationship = item.relationship
    update: dict[str, object] = {}
    via: list[str] = []
    for end, is_record in (
        ("source_id", item.source_is_record),
        ("target_id", item.target_is_record),
    ):
        if not is_record:
            continue
        key = getattr(relationship, end)
        if key not in person_of:
            problem = Problem(
                end, key, "broken reference: no person record with this key was loaded"
            )
            quarantine.add(
                delivered.source.name,
                delivered.path.name,
                item.row_number,
                relationship.source_record_id,
                [problem],
            )
            counts.quarantined += 1
            return None, []
        update[end] = person_of[key]
        via.append(key)
    if via:
        update["via_records"] = sorted(set(via))
    return (relationship.model_copy(update=update) if update else relationship), via


def _records_only(relationship: GraphRelationship) -> GraphRelationship:
    """The relationship as a partial write that only adds records to its ``via_records``.

    Its other properties stay as the row that first stated it wrote them.
    """
    fields = {*relationship.spec.merge_keys, "via_records"}
    return type(relationship).model_construct(_fields_set=fields, **dict(relationship.__dict__))
