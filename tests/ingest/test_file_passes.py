"""The later passes over a file build only what they write (#17 item 1), and build it exactly
as the first pass did; the next chunk is built while the last is written."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ingest.file_passes import FilePass, RowScreen, SourceCounts, validate_file
from ingest.mapping.delivery import resolve_delivery
from ingest.mapping.loader import load_mapping, parse_mapping
from ingest.prefetch import prefetched
from ingest.quarantine import QuarantineWriter
from ingest.rows import RowPart
from synthetic.config import Scale, config_for
from synthetic.generator import generate

POLE = Path(__file__).resolve().parents[1] / "data" / "pole"
LOADED_AT = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)

# a placeholder caller (null_values) is left out with the tie to them; row 3 is bad
CALLS_MAPPING = """
name: calls
source_system: police_records
files:
  - name: calls
    path: calls.csv
    record_id: {column: ref}
    nodes:
      - kind: Incident
        key: {template: "call:{ref}"}
        properties:
          occurred_on: {column: day, date_format: "%d/%m/%Y"}
    person_records:
      - key: {template: "calls:{ref}:caller"}
        fields:
          given_names: {column: caller, split_name: {part: given, layout: "given family"}, null_values: [Anonymous]}
          family_name: {column: caller, split_name: {part: family, layout: "given family"}, null_values: [Anonymous]}
    relationships:
      - kind: PartyToIncident
        source: {person_record: {template: "calls:{ref}:caller"}}
        target: {node: {template: "call:{ref}"}}
        properties:
          role: {value: reporting_person}
"""
CALLS = "ref,day,caller\nC1,01/02/2025,Ann Lee\nC2,02/02/2025,Anonymous\nC3,31/02/2025,Bo Ng\n"


def _passes(folder: Path, mapping_name: str) -> list[FilePass]:
    mapping = load_mapping(mapping_name)
    return [
        FilePass(item, "police_records", "run-test", LOADED_AT)
        for item in resolve_delivery([folder], mapping).files
    ]


def _assert_parts_match(file_pass: FilePass, tmp_path: Path) -> RowScreen:
    """Every good row's nodes and relationships, built alone, equal the full build's."""
    quarantine = QuarantineWriter(tmp_path / f"{file_pass.item.label}.jsonl", "run-test")
    _, screen = validate_file(file_pass, SourceCounts(), quarantine, lambda _done: None)
    quarantine.close()
    full = {
        row.number: row.out
        for chunk in file_pass.chunks()
        for row in chunk.rows
        if not row.out.problems
    }
    nodes = {
        row.number: row.out
        for chunk in file_pass.chunks(RowPart.NODES, screen)
        for row in chunk.rows
    }
    ties = {
        row.number: row.out
        for chunk in file_pass.chunks(RowPart.RELATIONSHIPS, screen)
        for row in chunk.rows
    }
    assert set(nodes) == set(ties) == set(full)
    assert not set(full) & screen.bad_rows
    for number, out in full.items():
        assert nodes[number].nodes == out.nodes and not nodes[number].relationships
        assert ties[number].relationships == out.relationships and not ties[number].nodes
        assert not nodes[number].problems and not ties[number].problems
    return screen


@pytest.mark.parametrize("source", ["generator", "pole"])
def test_the_parts_a_later_pass_builds_are_those_the_first_pass_built(
    source: str, tmp_path: Path
) -> None:
    if source == "pole":  # its smaller files: every kind of tie it has, a few of its nodes
        passes = [p for p in _passes(POLE, "pole") if p.item.path.stat().st_size < 100_000]
    else:
        generate(config_for(Scale.TINY, seed=23), tmp_path / "tiny")
        passes = _passes(tmp_path / "tiny", "generator")
    for file_pass in passes:
        _assert_parts_match(file_pass, tmp_path)


def test_a_later_pass_skips_bad_rows_and_leaves_out_a_placeholders_tie(tmp_path: Path) -> None:
    (tmp_path / "calls.csv").write_text(CALLS, encoding="utf-8")
    [item] = resolve_delivery([tmp_path], parse_mapping(CALLS_MAPPING, origin="calls.yaml")).files
    file_pass = FilePass(item, "police_records", "run-test", LOADED_AT)
    screen = _assert_parts_match(file_pass, tmp_path)
    assert screen.bad_rows == {4}  # C3: 31 February; the header is row 1
    assert screen.absent == {3: frozenset({"calls:C2:caller"})}
    [ties] = file_pass.chunks(RowPart.RELATIONSHIPS, screen)
    assert [row.number for row in ties.rows] == [2, 3] and ties.read == 3
    assert [len(row.out.relationships) for row in ties.rows] == [1, 0]


def test_prefetched_keeps_the_order_and_raises_where_the_items_raised() -> None:
    def items():
        yield from range(3)
        raise ValueError("row 4 is broken")

    seen = []
    with pytest.raises(ValueError, match="row 4 is broken"):
        for item in prefetched(items()):
            seen.append(item)
    assert seen == [0, 1, 2]


def test_prefetched_builds_in_another_thread_and_stops_when_the_caller_does() -> None:
    threads: list[str] = []
    closed = threading.Event()

    def items():
        try:
            for item in range(1000):
                threads.append(threading.current_thread().name)
                yield item
        finally:
            closed.set()

    for item in prefetched(items()):
        if item == 2:
            break
    assert closed.is_set()  # the generator was closed, not left to the collector
    assert len(threads) <= 5 and set(threads) == {"linkwatch-prefetch"}
    assert not any(t.name == "linkwatch-prefetch" for t in threading.enumerate())
