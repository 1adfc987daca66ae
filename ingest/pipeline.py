"""One ingest run, from a delivery of files to graph.

Match the delivery's files to the mapping's sources, skip files whose content was loaded
before, read and validate the rest, quarantine, resolve people, write idempotently, and
record the run (the "collection" log) with the digest of each file it loaded.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from graph_model.base import GraphNode, GraphRelationship
from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import LinkwatchError
from graph_model.kinds import LoadStatus, SourceSystem
from graph_model.nodes import LoadRun
from graph_model.store import GraphStore
from ingest.identity.apply import resolve_ids
from ingest.identity.deliveries import IdentitySummary, link_delivery
from ingest.linkage import LinkageSettings
from ingest.mapping.delivery import DeliveryFile, resolve_delivery
from ingest.mapping.spec import Mapping
from ingest.quarantine import QuarantineWriter
from ingest.reader import file_digest, read_source
from ingest.rows import PendingRelationship, PersonRecord, Problem, RowBuilder

__all__ = [
    "ALREADY_LOADED",
    "NOT_IN_DELIVERY",
    "IngestReport",
    "SourceCounts",
    "ingest_delivery",
    "mapping_hash",
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


NOT_IN_DELIVERY = "not in delivery"
ALREADY_LOADED = "already loaded"


@dataclass
class IngestReport:
    """What one run did. ``run_id`` is None when the delivery held nothing new to load."""

    run_id: str | None
    mapping: str
    sources: dict[str, SourceCounts] = field(default_factory=dict)
    people: int = 0
    person_records: int = 0
    review_pairs: int = 0
    quarantine_file: Path | None = None
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    ignored: list[Path] = field(default_factory=list)
    identity: IdentitySummary | None = None
    deaths_before: int = 0
    deaths_after: int = 0

    @property
    def new_deaths(self) -> int:
        """Death reports this load added to the graph."""
        return self.deaths_after - self.deaths_before

    def changes(self) -> dict[str, object]:
        """What the load changed for analysts (kept on the LoadRun as ``changes_json``)."""
        identity = asdict(self.identity) if self.identity else {}
        return {**identity, "new_deaths": self.new_deaths}

    @property
    def failed(self) -> list[str]:
        """Files that could not be loaded."""
        return [name for name, counts in self.sources.items() if counts.status == "failed"]

    def with_status(self, status: str) -> list[str]:
        """The files (or sources) with this status, in load order."""
        return [name for name, counts in self.sources.items() if counts.status == status]


#: ``progress(file_name, rows_done, rows_total)`` is called as rows are processed.
Progress = Callable[[str, int, int], None]


def _noop(_name: str, _done: int, _total: int) -> None:
    return None


def ingest_delivery(
    paths: Sequence[Path],
    mapping: Mapping,
    store: GraphStore,
    *,
    loaded_by: str,
    quarantine_dir: Path,
    max_bad: float | None = None,
    linkage: LinkageSettings | None = None,
    require_all: bool = False,
    force: bool = False,
    progress: Progress = _noop,
) -> IngestReport:
    """Load a delivery (folders or files holding any subset of ``mapping``'s sources).

    A source with no file in the delivery is reported ``not in delivery``; a file whose
    content (sha256) a completed earlier load of the same mapping already loaded is
    reported ``already loaded`` and not read again, unless ``force``. If nothing is left to
    load, nothing is written (no load run either).

    Parameters
    ----------
    paths
        Folders and files holding the delivery (see
        :func:`ingest.mapping.delivery.resolve_delivery`).
    mapping
        The validated mapping.
    store
        Where to write.
    loaded_by
        Who is loading (recorded on the load run).
    quarantine_dir
        Where the run's quarantine file (JSONL) goes.
    max_bad
        If a file's share of quarantined rows exceeds this fraction, none of it is loaded and
        the file is reported failed.
    linkage
        Record-linkage thresholds.
    require_all
        Refuse the delivery, before writing anything, unless it holds every non-optional
        source of the mapping.
    force
        Re-load files even if the same content was loaded before.
    progress
        Progress callback.

    Returns
    -------
    IngestReport
        Counts per file (loaded / unchanged / quarantined) and per absent source, people
        resolved, the quarantine file. Files that failed are listed in ``report.failed``;
        the others are loaded (or were already).

    Raises
    ------
    NotFound
        If a path does not exist or the delivery holds no file of the mapping.
    InvalidInput
        If a file named on its own is not one of the mapping's, or ``require_all`` and a
        source is missing.
    """
    delivery = resolve_delivery(paths, mapping)
    if require_all:
        delivery.require_all()
    started = datetime.now(UTC)
    report = IngestReport(run_id=None, mapping=mapping.name, ignored=list(delivery.ignored))
    for source in delivery.absent:
        report.sources[source.name] = SourceCounts(
            status="skipped" if source.optional else NOT_IN_DELIVERY,
            message="optional file not present" if source.optional else "",
            source=source.name,
            file=source.path,
        )
    to_load: list[tuple[DeliveryFile, str]] = []
    digests = {item.label: file_digest(item.path) for item in delivery.files}
    earlier = {} if force else _loaded_before(store, mapping.name, list(digests.values()))
    for item in delivery.files:
        digest = digests[item.label]
        counts = SourceCounts(source=item.source.name, file=item.path.name)
        report.sources[item.label] = counts
        if digest in earlier:
            counts.status = ALREADY_LOADED
            counts.message = f"same content as loaded by {earlier[digest]}; not read again"
            continue
        earlier[digest] = f"{item.label} in this delivery"
        to_load.append((item, digest))
    # absent sources first in the summary would hide the files: keep mapping order
    order = [s.name for s in mapping.files]
    report.sources = dict(
        sorted(report.sources.items(), key=lambda entry: order.index(entry[1].source))
    )
    if not to_load:
        report.seconds = (datetime.now(UTC) - started).total_seconds()
        return report

    run_id = f"run-{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    report.run_id = run_id
    run = LoadRun(
        id=run_id,
        started_at=started,
        loaded_by=loaded_by,
        mapping=mapping.name,
        source_system=SourceSystem.LINKWATCH,
        source_record_id=run_id,
        load_run_id=run_id,
        loaded_at=started,
    )
    store.upsert_nodes([run])
    store.run_write(cypher("admin/fail_interrupted_load_runs"), current=run_id, now=started)
    report.deaths_before = _death_count(store)

    quarantine = QuarantineWriter(quarantine_dir / f"{run_id}.jsonl", run_id)
    nodes: dict[str, list[GraphNode]] = {}
    pending: dict[str, list[PendingRelationship]] = {}
    records: list[PersonRecord] = []
    files: list[str] = []
    loaded_digests: list[str] = []
    clock = time.perf_counter()
    for item, digest in to_load:
        file, label = item.source, item.label
        counts = report.sources[label]
        try:
            frame = read_source(item.path, file)
        except LinkwatchError as error:
            counts.status, counts.message = "failed", str(error)
            continue
        files.append(f"{item.path.name} {digest}")
        builder = RowBuilder(file, file.source_system or mapping.source_system, run_id, started)
        file_nodes: list[GraphNode] = []
        file_pending: list[PendingRelationship] = []
        file_records: list[PersonRecord] = []
        file_problems: list[tuple[int, str, list[Problem]]] = []
        rows = frame.to_dict("records")
        counts.rows = len(rows)
        for index, row in enumerate(rows):
            row_number = index + file.first_data_row  # as a spreadsheet shows it
            out = builder.build(row, row_number)
            if out.problems:
                file_problems.append(
                    (row_number, str(row.get(_first_id_column(file), "")), out.problems)
                )
                continue
            file_nodes += out.nodes
            file_pending += out.relationships
            file_records += out.records
            if index % 2000 == 0:
                progress(label, index, len(rows))
        progress(label, len(rows), len(rows))
        counts.quarantined = len(file_problems)
        for row_number, record_id, problems in file_problems:
            quarantine.add(file.name, item.path.name, row_number, record_id, problems)
        if max_bad is not None and rows and counts.quarantined / len(rows) > max_bad:
            counts.status = "failed"
            counts.message = (
                f"{counts.quarantined} of {len(rows)} rows "
                f"({counts.quarantined / len(rows):.0%}) are bad, "
                f"more than --max-bad {max_bad:.0%}: nothing from this file was loaded"
            )
            continue
        counts.status = "loaded"
        loaded_digests.append(digest)
        nodes[label], pending[label] = _first_of_each(file_nodes), file_pending
        records += file_records

    report.timings["parse_and_validate"] = time.perf_counter() - clock
    clock = time.perf_counter()
    person_of: dict[str, str] = {}
    if records:
        unique = list({record.key: record for record in records}.values())
        linkage_result = link_delivery(
            store,
            unique,
            settings=linkage or LinkageSettings(),
            run_id=run_id,
            loaded_at=started,
            loaded_by=loaded_by,
        )
        report.timings["record_linkage"] = time.perf_counter() - clock
        clock = time.perf_counter()
        person_of = linkage_result.person_of
        report.identity = linkage_result.summary
        counts = report.sources.setdefault(
            "record_linkage", SourceCounts(status="loaded", source="record_linkage")
        )
        summary = linkage_result.summary
        counts.rows = len(unique)
        counts.loaded = summary.records_new + summary.records_changed
        counts.unchanged = summary.records_unchanged
        report.people = len(set(person_of.values()))
        report.person_records = len(unique)
        report.review_pairs = summary.review_pairs
    referenced = sorted(
        {
            getattr(item.relationship, end)
            for items in pending.values()
            for item in items
            for end, is_record in (
                ("source_id", item.source_is_record),
                ("target_id", item.target_is_record),
            )
            if is_record
        }
        - person_of.keys()
    )
    if referenced:
        # records delivered earlier: their people are in the graph already
        person_of = {**resolve_ids(store, referenced), **person_of}

    by_label = {item.label: item for item in delivery.files}
    for label, file_nodes in nodes.items():
        written = store.upsert_nodes(file_nodes, scope=by_label[label].source.name, partial=True)
        report.sources[label].loaded += written.written - written.unchanged
        report.sources[label].unchanged += written.unchanged
    for label, file_pending in pending.items():
        _write_relationships(
            store, by_label[label], file_pending, person_of, report.sources[label], quarantine
        )

    report.timings["neo4j_write"] = time.perf_counter() - clock
    report.deaths_after = _death_count(store)
    quarantine.close()
    report.quarantine_file = quarantine.path if quarantine.count else None
    finished = datetime.now(UTC)
    report.seconds = (finished - started).total_seconds()
    store.upsert_nodes(
        [
            run.model_copy(
                update={
                    "finished_at": finished,
                    "status": LoadStatus.FAILED if report.failed else LoadStatus.COMPLETED,
                    "files": files,
                    "loaded_digests": loaded_digests,
                    "counts_json": json.dumps(
                        {name: asdict(c) for name, c in report.sources.items()}, sort_keys=True
                    ),
                    "linkage_model": report.identity.model if report.identity else None,
                    "mapping_hash": mapping_hash(mapping),
                    "changes_json": json.dumps(report.changes(), sort_keys=True),
                }
            )
        ]
    )
    return report


def _loaded_before(store: GraphStore, mapping: str, digests: list[str]) -> dict[str, str]:
    """Digest -> the earlier load run that loaded a file with that content."""
    rows = read(
        store.driver,
        store.database,
        cypher("loads/loaded_digests", package="ingest"),
        {"mapping": mapping, "digests": digests},
    )
    return {row["digest"]: row["run"] for row in rows}


def _first_of_each(items: list[GraphNode]) -> list[GraphNode]:
    """One node per key within a file (many rows may name the same place): the first row's."""
    seen: dict[tuple[str, str], GraphNode] = {}
    for node in items:
        seen.setdefault((node.spec.label.value, node.id), node)
    return list(seen.values())


def mapping_hash(mapping: Mapping) -> str:
    """'sha256:digest' of a mapping's validated content (recorded on each load run)."""
    text = json.dumps(mapping.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _death_count(store: GraphStore) -> int:
    rows = read(store.driver, store.database, cypher("loads/death_count", package="ingest"))
    return int(rows[0]["deaths"])


def _first_id_column(file) -> str:
    columns = file.record_id.referenced_columns()
    return columns[0] if columns else ""


def _write_relationships(
    store: GraphStore,
    delivered: DeliveryFile,
    items: list[PendingRelationship],
    person_of: dict[str, str],
    counts: SourceCounts,
    quarantine: QuarantineWriter,
) -> None:
    name, path = delivered.source.name, delivered.path.name
    resolved: list[GraphRelationship] = []
    rows: list[int] = []
    seen: dict[tuple[object, ...], int] = {}
    for item in items:
        relationship = item.relationship
        update: dict[str, object] | None = {}
        via: list[str] = []
        for end, is_record in (
            ("source_id", item.source_is_record),
            ("target_id", item.target_is_record),
        ):
            if is_record:
                key = getattr(relationship, end)
                if key not in person_of:
                    update = None
                    quarantine.add(
                        name,
                        path,
                        item.row_number,
                        relationship.source_record_id,
                        [
                            Problem(
                                end,
                                key,
                                "broken reference: no person record with this key was loaded",
                            )
                        ],
                    )
                    counts.quarantined += 1
                    break
                update[end] = person_of[key]
                via.append(key)
        if update is None:
            continue
        if via:
            update["via_records"] = sorted(set(via))
        final = relationship.model_copy(update=update) if update else relationship
        identity = (
            type(final),
            final.source_id,
            final.target_id,
            *(getattr(final, k) for k in final.spec.merge_keys),
        )
        if identity in seen:
            # another row (often another record of the same person) says the same: keep one
            # relationship, naming every record behind it
            index = seen[identity]
            if via:
                merged = sorted({*(resolved[index].via_records or []), *via})
                resolved[index] = resolved[index].model_copy(update={"via_records": merged})
            continue
        seen[identity] = len(resolved)
        resolved.append(final)
        rows.append(item.row_number)
    result = store.upsert_relationships(resolved, scope=name, partial=True)
    counts.loaded += result.written - result.unchanged
    counts.unchanged += result.unchanged
    if result.missing_end:
        row_of = {id(r): n for r, n in zip(resolved, rows, strict=True)}
        for relationship in result.missing_end:
            spec = relationship.spec
            quarantine.add(
                name,
                path,
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
