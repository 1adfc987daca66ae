"""Files are read in chunks (#13 part 7): the graph a load makes does not depend on the chunk
size, row numbers count across chunks, and a file that breaks or changes part way through
loads nothing wrong and loses nothing already loaded."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from graph_model.errors import InvalidInput
from ingest.mapping.loader import load_mapping, parse_mapping
from ingest.pipeline import WRITING
from ingest.reader import SourceFileError, read_source, read_source_chunks
from synthetic.config import Scale, config_for
from synthetic.generator import generate
from tests.ingest.db_helpers import LoadTracker

SEED = 19  # used by no other test: this module's people are its own
PROVENANCE = {"load_run_id", "loaded_at", "content_hashes", "first_load_run_id"}

PLACES_MAPPING = """
name: streamed-places
source_system: police_records
files:
  - name: places
    path: places.csv
    record_id: {column: ref}
    nodes:
      - kind: Place
        key: {template: "place:{ref}"}
        properties:
          address: {column: address}
          postcode: {column: postcode}
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiny-streamed")
    generate(config_for(Scale.TINY, seed=SEED), out)
    return out


@pytest.fixture
def tracker(driver: neo4j.Driver, target, tmp_path: Path) -> Iterator[LoadTracker]:
    tracker = LoadTracker(driver, target.database, tmp_path / "quarantine")
    yield tracker
    tracker.clean()


def _graph_of(tracker: LoadTracker) -> dict[str, object]:
    """What the tracked runs wrote, without provenance: nodes by id, relationships by ends."""
    nodes = tracker.driver.execute_query(
        "MATCH (n) WHERE n.load_run_id IN $runs AND NOT n:LoadRun AND NOT n:LinkageModel "
        "RETURN labels(n) AS labels, n.id AS id, properties(n) AS properties",
        runs=tracker.runs,
        database_=tracker.database,
    ).records
    ties = tracker.driver.execute_query(
        "MATCH (a)-[r]->(b) WHERE a.load_run_id IN $runs AND b.load_run_id IN $runs "
        "AND NOT a:LoadRun AND NOT b:LoadRun "
        "RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS properties",
        runs=tracker.runs,
        database_=tracker.database,
    ).records

    def clean(properties: dict[str, object]) -> str:
        kept = {k: v for k, v in properties.items() if k not in PROVENANCE}
        if isinstance(kept.get("via_records"), list):
            kept["via_records"] = sorted(kept["via_records"])
        return json.dumps(kept, sort_keys=True, default=str)

    return {
        "nodes": sorted(
            (",".join(sorted(row["labels"])), row["id"], clean(row["properties"])) for row in nodes
        ),
        "ties": sorted(
            (row["type"], row["source"], row["target"], clean(row["properties"])) for row in ties
        ),
    }


def test_chunks_cover_the_file_with_row_indexes_that_run_on(tiny: Path) -> None:
    mapping = load_mapping("generator")
    source = next(file for file in mapping.files if file.name == "places")
    whole = read_source(tiny / "places.csv", source)
    chunks = list(read_source_chunks(tiny / "places.csv", source, chunk_rows=13))
    assert all(len(chunk) <= 13 for chunk in chunks) and len(chunks) > 3
    assert [chunk.index[0] for chunk in chunks] == list(range(0, len(whole), 13))
    assert [row for chunk in chunks for row in chunk.to_dict("records")] == whole.to_dict("records")


def test_the_graph_does_not_depend_on_the_chunk_size(tracker: LoadTracker, tiny: Path) -> None:
    mapping = load_mapping("generator")
    small = tracker.load(tiny, mapping, chunk_rows=7)
    assert not small.failed
    chunked = _graph_of(tracker)
    quarantined = {name: counts.quarantined for name, counts in small.sources.items()}
    tracker.clean()
    tracker.runs.clear()
    whole = tracker.load(tiny, mapping, chunk_rows=1_000_000)
    assert not whole.failed
    unchunked = _graph_of(tracker)
    for part in ("nodes", "ties"):
        only_chunked = set(chunked[part]) - set(unchunked[part])
        only_whole = set(unchunked[part]) - set(chunked[part])
        assert (sorted(only_chunked)[:3], sorted(only_whole)[:3]) == ([], []), part
    assert len(chunked["nodes"]) > 1000 and len(chunked["ties"]) > 1000
    assert {name: c.quarantined for name, c in whole.sources.items()} == quarantined
    assert {name: c.rows for name, c in whole.sources.items()} == {
        name: c.rows for name, c in small.sources.items()
    }


def test_a_chunked_re_load_of_the_same_files_changes_nothing(
    tracker: LoadTracker, tiny: Path
) -> None:
    # a tie several chunks state (another record of the same person) is written whole by
    # its first chunk and by the later ones only for the records they add: a re-load must
    # recognise both writes as unchanged, not trade one content hash for the other
    mapping = load_mapping("generator")
    first = tracker.load(tiny, mapping, chunk_rows=60)
    assert not first.failed
    added_later = tracker.count(
        "MATCH ()-[r]->() WHERE any(h IN r.content_hashes WHERE h CONTAINS '+records@') "
        "RETURN count(r)"
    )
    assert added_later > 0  # the hard case happened: ties whose records came in two chunks
    again = tracker.load(tiny, mapping, chunk_rows=60)
    changed = {name: c.loaded for name, c in again.sources.items() if c.loaded}
    assert changed == {}
    assert sum(c.unchanged for c in again.sources.values()) > 1000


def _places(folder: Path, rows: list[tuple[str, str, str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["ref,address,postcode", *(",".join(row) for row in rows)]
    (folder / "places.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_bad_row_in_a_later_chunk_is_named_by_its_line(
    tracker: LoadTracker, tmp_path: Path
) -> None:
    rows = [(f"s{n}", f"{n} Stream Street", "AB1 2CD") for n in range(25)]
    rows[21] = ("", "21 Stream Street", "AB1 2CD")  # no record id: quarantined
    _places(tmp_path / "d", rows)
    report = tracker.load(tmp_path / "d", parse_mapping(PLACES_MAPPING, origin="t"), chunk_rows=4)
    assert report.sources["places"].rows == 25
    assert report.sources["places"].quarantined == 1
    entry = json.loads(report.quarantine_file.read_text(encoding="utf-8").splitlines()[0])
    assert entry["row"] == 23  # the header is line 1, the 22nd row of data line 23
    assert tracker.count("MATCH (p:Place) WHERE p.id STARTS WITH 'place:s' RETURN count(p)") == 24


def test_a_file_that_breaks_part_way_loads_nothing_and_a_fixed_file_loads_once(
    tracker: LoadTracker, tmp_path: Path
) -> None:
    mapping = parse_mapping(PLACES_MAPPING, origin="t")
    good = [(f"b{n}", f"{n} Broken Road", "AB1 2CD") for n in range(30)]
    _places(tmp_path / "d", good)
    path = tmp_path / "d" / "places.csv"
    path.write_text(path.read_text() + 'b99,"99 Broken Road,AB1 2CD\n', encoding="utf-8")
    with pytest.raises(SourceFileError, match=r"could not be read as CSV after \d+ rows"):
        list(read_source_chunks(path, mapping.files[0], chunk_rows=8))

    broken = tracker.load(tmp_path / "d", mapping, chunk_rows=8)
    assert broken.sources["places"].status == "failed"
    assert "could not be read as CSV after" in broken.sources["places"].message
    assert tracker.count("MATCH (p:Place) WHERE p.id STARTS WITH 'place:b' RETURN count(p)") == 0

    _places(tmp_path / "d", good)  # the agency sends the file again, fixed
    fixed = tracker.load(tmp_path / "d", mapping, chunk_rows=8, force=False)
    again = tracker.load(tmp_path / "d", mapping, chunk_rows=8, force=True)
    assert fixed.sources["places"].status == again.sources["places"].status == "loaded"
    assert tracker.count("MATCH (p:Place) WHERE p.id STARTS WITH 'place:b' RETURN count(p)") == 30


def test_a_file_changed_while_loading_is_failed_and_not_recorded_as_loaded(
    tracker: LoadTracker, tmp_path: Path
) -> None:
    mapping = parse_mapping(PLACES_MAPPING, origin="t")
    _places(tmp_path / "d", [(f"c{n}", f"{n} Changing Lane", "AB1 2CD") for n in range(12)])
    path = tmp_path / "d" / "places.csv"
    original = path.read_text(encoding="utf-8")

    def overwrite_while_writing(name: str, done: int, _total: int) -> None:
        if name == WRITING and done:
            path.write_text("ref,address,postcode\nc0,0 Changing Lane,ZZ9 9ZZ\n")

    report = tracker.load(tmp_path / "d", mapping, chunk_rows=5, progress=overwrite_while_writing)
    places = report.sources["places"]
    assert places.status == "failed" and "changed while it was being loaded" in places.message
    run = tracker.driver.execute_query(
        "MATCH (r:LoadRun {id: $id}) RETURN r.loaded_digests AS digests, r.status AS status",
        id=report.run_id,
        database_=tracker.database,
    ).records[0]
    assert run["digests"] == [] and run["status"] == "failed"
    # the content it began with was not recorded as loaded: delivered again, it is read again
    path.write_text(original, encoding="utf-8")
    after = tracker.load(tmp_path / "d", mapping, force=False)
    assert after.sources["places"].status == "loaded"


def test_a_header_only_file_has_no_rows_and_a_missing_column_is_refused_first(
    tmp_path: Path,
) -> None:
    mapping = parse_mapping(PLACES_MAPPING, origin="t")
    (tmp_path / "places.csv").write_text("ref,address,postcode\n", encoding="utf-8")
    chunks = list(read_source_chunks(tmp_path / "places.csv", mapping.files[0]))
    assert [len(chunk) for chunk in chunks] == [0]
    (tmp_path / "places.csv").write_text("ref,address\nx,1 Road\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"lacks columns the mapping reads: \['postcode'\]"):
        next(read_source_chunks(tmp_path / "places.csv", mapping.files[0]))
