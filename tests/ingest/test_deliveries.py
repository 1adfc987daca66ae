"""Deliveries (#13 part 1): agencies deliver separately, so a load takes any subset of a
mapping's sources, monthly files by pattern, and skips files whose content it already loaded."""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import neo4j
import pytest

from graph_model.errors import InvalidInput, NotFound
from ingest.mapping.delivery import natural_key, resolve_delivery
from ingest.mapping.loader import detect_mapping, load_mapping, parse_mapping
from ingest.mapping.spec import Mapping
from ingest.pipeline import ALREADY_LOADED, NOT_IN_DELIVERY
from synthetic.config import Scale, config_for
from synthetic.generator import generate
from tests.cli.helpers import run_linkwatch
from tests.ingest.db_helpers import LoadTracker

SEED = 13  # used by no other test: these files' digests are this module's own
NHS = "nhs_extract.csv"


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiny")
    generate(config_for(Scale.TINY, seed=SEED), out)
    return out


@pytest.fixture(scope="module")
def tracker(
    driver: neo4j.Driver, target, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LoadTracker]:
    tracker = LoadTracker(driver, target.database, tmp_path_factory.mktemp("quarantine"))
    yield tracker
    tracker.clean()


def _only(full: Path, folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        shutil.copy(full / name, folder / name)
    return folder


def _monthly_mapping() -> Mapping:
    """The generator mapping, its NHS source named by pattern: one file a month."""
    generator = resources.files("ingest.mappings").joinpath("generator.yaml")
    text = generator.read_text(encoding="utf-8").replace(
        "name: generator\n", "name: generator-monthly\n", 1
    )
    text = text.replace(f"path: {NHS}", "path: nhs_extract_*.csv", 1)
    return parse_mapping(text, origin="generator-monthly")


def _split(source: Path, parts: dict[Path, slice]) -> None:
    with source.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for path, part in parts.items():
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows[part])


def _env(target, home: Path) -> dict[str, str]:
    return {
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.user,
        "NEO4J_PASSWORD": target.password.get_secret_value(),
        "LINKWATCH_HOME": str(home),
    }


def _runs_since(tracker: LoadTracker, since: datetime) -> list[str]:
    rows = tracker.driver.execute_query(
        "MATCH (r:LoadRun) WHERE r.started_at >= $since RETURN r.id AS id",
        since=since,
        database_=tracker.database,
    ).records
    return [row["id"] for row in rows]


# --- matching files to sources, without a database ------------------------------------------


def test_monthly_file_names_load_in_natural_order() -> None:
    names = ["nhs_2025-10.csv", "nhs_2025-9.csv", "nhs_2024-12.csv", "nhs_2025-02.csv"]
    assert sorted(names, key=natural_key) == [
        "nhs_2024-12.csv",
        "nhs_2025-02.csv",
        "nhs_2025-9.csv",
        "nhs_2025-10.csv",
    ]


def test_a_delivery_is_matched_to_sources_in_load_order(tmp_path: Path) -> None:
    for name in ("nhs_extract_2025-10.csv", "nhs_extract_2025-9.csv", "places.csv", "notes.txt"):
        (tmp_path / name).write_text("x\n")
    delivery = resolve_delivery([tmp_path], _monthly_mapping())
    assert [item.label for item in delivery.files] == [
        "places",
        "nhs_extract:nhs_extract_2025-9.csv",
        "nhs_extract:nhs_extract_2025-10.csv",
    ]
    assert "police_occurrences" in {source.name for source in delivery.absent}
    assert [path.name for path in delivery.ignored] == ["notes.txt"]
    with pytest.raises(InvalidInput, match=r"--require-all: this delivery lacks 9 of the 11"):
        delivery.require_all()


def test_a_named_file_that_is_no_source_of_the_mapping_is_refused(tmp_path: Path) -> None:
    stray = tmp_path / "nhs_extrct.csv"
    stray.write_text("x\n")
    with pytest.raises(InvalidInput, match=r"nhs_extrct\.csv: not a file of mapping 'generator'"):
        resolve_delivery([stray], load_mapping("generator"))
    with pytest.raises(NotFound, match="holds no file of mapping 'generator'"):
        resolve_delivery([tmp_path], load_mapping("generator"))
    with pytest.raises(NotFound, match="does not exist"):
        resolve_delivery([tmp_path / "nowhere"], load_mapping("generator"))


def test_detection_recognises_a_partial_delivery(tmp_path: Path) -> None:
    (tmp_path / NHS).write_text("x\n")
    (tmp_path / "ground_truth.json").write_text("{}")
    assert detect_mapping(tmp_path).name == "generator"
    assert detect_mapping([tmp_path / NHS]).name == "generator"


def test_detection_refuses_a_mixed_or_unknown_folder(tmp_path: Path) -> None:
    mixed, unknown = tmp_path / "mixed", tmp_path / "unknown"
    mixed.mkdir()
    unknown.mkdir()
    (mixed / NHS).write_text("x\n")
    (mixed / "ECDS_Attendances.csv").write_text("x\n")
    (unknown / "attendances.csv").write_text("x\n")
    with pytest.raises(InvalidInput, match=r"fit several built-in mappings: generator \(nhs_"):
        detect_mapping(mixed)
    with pytest.raises(NotFound, match=r"holds attendances\.csv\). Looked for the files of gen"):
        detect_mapping(unknown)


# --- loads against the real Neo4j ------------------------------------------------------------


def test_a_pattern_loads_each_monthly_file_in_order_and_skips_what_it_loaded(
    tracker: LoadTracker, full: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "monthly"
    folder.mkdir()
    later, earlier = folder / "nhs_extract_2025-10.csv", folder / "nhs_extract_2025-9.csv"
    _split(full / NHS, {earlier: slice(0, 20), later: slice(20, None)})
    mapping = _monthly_mapping()
    first = tracker.load(folder, mapping, force=False)
    labels = ["nhs_extract:nhs_extract_2025-9.csv", "nhs_extract:nhs_extract_2025-10.csv"]
    assert [name for name in first.sources if name.startswith("nhs_extract")] == labels
    assert [first.sources[name].status for name in labels] == ["loaded", "loaded"]
    assert first.sources[labels[0]].rows == 20
    run = tracker.driver.execute_query(
        "MATCH (r:LoadRun {id: $id}) RETURN r.files AS files, r.loaded_digests AS digests",
        id=first.run_id,
        database_=tracker.database,
    ).records[0]
    assert [entry.split()[0] for entry in run["files"]] == [earlier.name, later.name]
    assert len(run["digests"]) == 2 and all(d.startswith("sha256:") for d in run["digests"])
    assert first.sources["places"].status == NOT_IN_DELIVERY

    snapshot = "MATCH (n) RETURN count(n)"
    runs, nodes = tracker.count("MATCH (r:LoadRun) RETURN count(r)"), tracker.count(snapshot)
    again = tracker.load(folder, mapping, force=False)
    assert again.run_id is None  # nothing new: no load run, nothing read or written
    assert [again.sources[name].status for name in labels] == [ALREADY_LOADED] * 2
    assert first.run_id in again.sources[labels[0]].message
    assert tracker.count("MATCH (r:LoadRun) RETURN count(r)") == runs
    assert tracker.count(snapshot) == nodes

    # next month's file arrives beside the others: only it is read
    november = folder / "nhs_extract_2025-11.csv"
    _split(full / NHS, {november: slice(0, 5)})
    third = tracker.load(folder, mapping, force=False)
    assert [third.sources[name].status for name in labels] == [ALREADY_LOADED] * 2
    assert third.sources["nhs_extract:nhs_extract_2025-11.csv"].status == "loaded"
    assert third.sources["nhs_extract:nhs_extract_2025-11.csv"].rows == 5

    forced = tracker.load(folder, mapping, force=True)
    assert all(forced.sources[name].status == "loaded" for name in labels)


def test_a_delivery_with_a_missing_column_fails_that_file_and_loses_nothing(
    tracker: LoadTracker, full: Path, tmp_path: Path
) -> None:
    before = tmp_path / "january"
    _only(full, before, "local_authority.xlsx")
    first = tracker.load(before, load_mapping("generator"), force=False)
    assert first.sources["local_authority"].status in ("loaded", ALREADY_LOADED)
    contacts = "MATCH (c:PartnerContact) RETURN count(c)"
    stored = tracker.count(contacts)

    broken = tmp_path / "february"
    broken.mkdir()
    text = (full / NHS).read_text(encoding="utf-8")
    (broken / NHS).write_text(text.replace("patient_surname", "surname", 1), encoding="utf-8")
    report = tracker.load(broken, load_mapping("generator"), force=False)
    message = report.sources["nhs_extract"].message
    assert report.failed == ["nhs_extract"]
    assert str(broken / NHS) in message  # where
    assert "lacks columns the mapping reads: ['patient_surname']" in message  # what
    assert "Columns the mapping does not read: ['surname'" in message  # the likely rename
    assert tracker.count(contacts) == stored  # nothing already loaded is lost
    digests = tracker.driver.execute_query(
        "MATCH (r:LoadRun {id: $id}) RETURN r.loaded_digests AS d",
        id=report.run_id,
        database_=tracker.database,
    ).records[0]["d"]
    assert digests == []  # a failed file is not "already loaded": fixed, it loads next time


def test_the_cli_loads_a_partial_delivery_skips_it_again_and_refuses_it_strictly(
    tracker: LoadTracker, full: Path, tmp_path: Path, target
) -> None:
    folder = _only(full, tmp_path / "nhs_only", NHS)
    env = _env(target, tmp_path / "home")
    since = datetime.now(UTC)
    try:
        strict = run_linkwatch("ingest", str(folder), "--require-all", env=env, timeout=300)
        assert strict.code == 1, strict.stdout + strict.stderr
        assert "Traceback" not in strict.stderr
        assert "--require-all: this delivery lacks 10 of the 11 sources" in strict.stderr
        assert "police_occurrences (police_occurrences.csv)" in strict.stderr
        assert "Nothing was loaded." in strict.stderr
        assert _runs_since(tracker, since) == []

        partial = run_linkwatch("ingest", str(folder), env=env, timeout=300)
        assert partial.code == 0, partial.stdout + partial.stderr
        assert "Traceback" not in partial.stderr
        assert "Not in this delivery (10): places, police_occurrences" in partial.stdout
        assert re.search(r"│ nhs_extract +│ nhs_extract\.csv +│.*│ loaded", partial.stdout)
        runs = _runs_since(tracker, since)
        assert len(runs) == 1
        tracker.runs += runs
        data = "MATCH (n) WHERE NOT (n:AuditEntry OR n:AuditHead) RETURN count(n)"
        nodes = tracker.count(data)

        again = run_linkwatch("ingest", str(folder / NHS), env=env, timeout=300)
        assert again.code == 0, again.stdout + again.stderr
        assert "Nothing new to load (generator): no load run recorded" in again.stdout
        assert "Already loaded, not read again (1): nhs_extract" in again.stdout
        assert _runs_since(tracker, since) == runs  # the skip survives a new process
        assert tracker.count(data) == nodes  # only the audit log records the attempt
    finally:
        tracker.runs += [run for run in _runs_since(tracker, since) if run not in tracker.runs]


def test_a_mapping_path_outside_the_delivery_is_refused_naming_the_line() -> None:
    generator = resources.files("ingest.mappings").joinpath("generator.yaml")
    text = generator.read_text(encoding="utf-8").replace(f"path: {NHS}", "path: /data/nhs.csv")
    with pytest.raises(InvalidInput, match=r"line \d+ \(files\.8\.path\): .*inside the delivery"):
        parse_mapping(text, origin="broken")
