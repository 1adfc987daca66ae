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

from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import LinkwatchError
from graph_model.kinds import LoadStatus, Sector, SourceSystem
from graph_model.nodes import DataSource, LoadRun
from graph_model.source_systems import data_source_id
from graph_model.store import GraphStore
from ingest.file_passes import (
    FilePass,
    RowScreen,
    SourceCounts,
    file_unchanged,
    validate_file,
    write_file_nodes,
    write_file_relationships,
)
from ingest.identity.deliveries import IdentitySummary, link_delivery
from ingest.linkage import LinkageSettings
from ingest.mapping.delivery import DeliveryFile, resolve_delivery
from ingest.mapping.spec import Mapping
from ingest.quarantine import QuarantineWriter
from ingest.reader import CHUNK_ROWS, file_digest
from ingest.rows import PersonRecord

__all__ = [
    "ALREADY_LOADED",
    "NOT_IN_DELIVERY",
    "WRITING",
    "IngestReport",
    "SourceCounts",
    "ingest_delivery",
    "mapping_hash",
]


NOT_IN_DELIVERY = "not in delivery"
ALREADY_LOADED = "already loaded"
#: The progress name of the writing passes (nodes, then relationships, of every file).
WRITING = "writing to Neo4j"


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


#: ``progress(name, rows_done, rows_total)`` is called as rows are processed: for each file
#: as it is read and checked (``rows_total`` 0 until the file is read), then for
#: :data:`WRITING` over every file twice (nodes, then relationships).
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
    chunk_rows: int = CHUNK_ROWS,
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
    chunk_rows
        Rows read, built and written at a time: memory follows this, not the file's size
        (the delivery's person records are held together for record linkage).

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
    passes: dict[str, tuple[FilePass, RowScreen, str]] = {}
    records: dict[str, PersonRecord] = {}
    files: list[str] = []
    loaded_digests: list[str] = []
    clock = time.perf_counter()
    for item, digest in to_load:
        file, label = item.source, item.label
        counts = report.sources[label]
        system = mapping.system_of(file)
        file_pass = FilePass(
            item,
            system,
            run_id,
            started,
            chunk_rows=chunk_rows,
            health=mapping.sector_of(system) is Sector.HEALTH,
        )
        try:
            file_records, screen = validate_file(
                file_pass, counts, quarantine, lambda done, name=label: progress(name, done, 0)
            )
        except LinkwatchError as error:
            counts.status, counts.message = "failed", str(error)
            continue
        progress(label, counts.rows, counts.rows)
        files.append(f"{item.path.name} {digest}")
        if max_bad is not None and counts.rows and counts.quarantined / counts.rows > max_bad:
            counts.status = "failed"
            counts.message = (
                f"{counts.quarantined} of {counts.rows} rows "
                f"({counts.quarantined / counts.rows:.0%}) are bad, "
                f"more than --max-bad {max_bad:.0%}: nothing from this file was loaded"
            )
            continue
        counts.status = "loaded"
        loaded_digests.append(digest)
        passes[label] = (file_pass, screen, digest)
        records.update(file_records)

    report.timings["parse_and_validate"] = time.perf_counter() - clock
    clock = time.perf_counter()
    person_of: dict[str, str] = {}
    if records:
        unique = list(records.values())
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
    del records

    store.upsert_nodes(
        data_sources(mapping, [file_pass for file_pass, _, _ in passes.values()], run_id, started),
        scope="linkwatch",
    )
    total = sum(report.sources[label].rows for label in passes)
    written = 0

    def wrote(done: int) -> None:
        progress(WRITING, written + done, 2 * total)

    for label, (file_pass, screen, _digest) in passes.items():
        write_file_nodes(store, file_pass, screen, report.sources[label], wrote)
        written += report.sources[label].rows
    for label, (file_pass, screen, digest) in passes.items():
        counts = report.sources[label]
        write_file_relationships(store, file_pass, screen, person_of, counts, quarantine, wrote)
        written += counts.rows
        if not file_unchanged(file_pass, digest):
            counts.status = "failed"
            counts.message = (
                f"{file_pass.item.path.name} changed while it was being loaded: what it held "
                "at the start may be only partly loaded. Load it again."
            )
            loaded_digests.remove(digest)

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


def data_sources(
    mapping: Mapping, passes: Sequence[FilePass], run_id: str, loaded_at: datetime
) -> list[DataSource]:
    """The DataSource nodes of the systems the loaded files' records come from."""
    systems = sorted({file_pass.source_system for file_pass in passes})
    return [
        DataSource(
            id=data_source_id(system),
            name=system,
            organisation=mapping.organisation_of(system),
            sector=mapping.sector_of(system),
            declared_by=mapping.name if system in mapping.source_systems else "built in",
            source_system=SourceSystem.LINKWATCH,
            source_record_id=data_source_id(system),
            load_run_id=run_id,
            loaded_at=loaded_at,
        )
        for system in systems
    ]


def _loaded_before(store: GraphStore, mapping: str, digests: list[str]) -> dict[str, str]:
    """Digest -> the earlier load run that loaded a file with that content."""
    rows = read(
        store.driver,
        store.database,
        cypher("loads/loaded_digests", package="ingest"),
        {"mapping": mapping, "digests": digests},
    )
    return {row["digest"]: row["run"] for row in rows}


def mapping_hash(mapping: Mapping) -> str:
    """'sha256:digest' of a mapping's validated content (recorded on each load run)."""
    text = json.dumps(mapping.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _death_count(store: GraphStore) -> int:
    rows = read(store.driver, store.database, cypher("loads/death_count", package="ingest"))
    return int(rows[0]["deaths"])
