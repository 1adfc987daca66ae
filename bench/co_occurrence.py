"""Records named on one source row: linked with the ``same_record`` comparison and without it.

The Riverside layout (``tests/data/riverside``) names a death's finder and its reporter in
separate columns of one row, often the same person written twice, and gives a date of birth
for the finder only. Its rows are built as ``linkwatch ingest`` builds them and linked twice in
the same run: with each record's source row (the model's ``same_record`` comparison), and
without it (the comparison then finds every pair missing, as before it existed). Counted: the
rows naming the same person as finder and reporter, and how many of them became one person.

Riverside is the layout that showed the problem, so this is a check that the comparison does
what it says on that layout, not an evaluation on unseen data; the weights (a Bayes factor of
1,000 and 1/10) were stated before this was run and were not changed after.

Run: ``.venv/bin/python -m bench.co_occurrence``. Writes ``bench/results/co_occurrence.json``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bench.common import write_result
from ingest.linkage.link import link_records
from ingest.mapping.loader import load_mapping
from ingest.persons import records_frame
from ingest.reader import read_source
from ingest.rows import PersonRecord, RowBuilder

RIVERSIDE = Path(__file__).resolve().parents[1] / "tests" / "data" / "riverside"


def riverside_records() -> list[PersonRecord]:
    """The person records of the Riverside files, built as ingest builds them."""
    mapping = load_mapping(str(RIVERSIDE / "riverside.yaml"))
    records: list[PersonRecord] = []
    for file in mapping.files:
        builder = RowBuilder(file, mapping.system_of(file), "bench", datetime.now(UTC))
        for path in sorted(RIVERSIDE.glob(file.path)):
            rows = read_source(path, file).to_dict("records")
            for number, row in enumerate(rows, start=file.header_row + file.skip_rows + 1):
                built = builder.build(
                    {k: "" if v is None else str(v) for k, v in row.items()}, number
                )
                records.extend(built.records)
    return records


def _written_twice(records: list[PersonRecord]) -> list[tuple[str, str]]:
    by_key = {record.key: record for record in records}
    pairs = []
    for record in records:
        if record.key.endswith(":found_by"):
            other = by_key.get(record.key.removesuffix(":found_by") + ":reported_by")
            name = (record.fields.get("given_names"), record.fields.get("family_name"))
            if other and name == (other.fields.get("given_names"), other.fields.get("family_name")):
                pairs.append((record.key, other.key))
    return pairs


def main() -> None:
    records = riverside_records()
    pairs = _written_twice(records)
    frame = records_frame(records)
    figures: dict[str, object] = {
        "records": len(records),
        "rows_naming_one_person_twice": len(pairs),
    }
    for label, linked_frame in (
        ("with_same_record", frame),
        ("without_same_record_baseline", frame.drop(columns=["source_row"])),
    ):
        result = link_records(linked_frame)
        joined = sum(result.clusters[a] == result.clusters[b] for a, b in pairs)
        figures[label] = {
            "people": len(set(result.clusters.values())),
            "rows_made_one_person": joined,
            "review_queue": len(result.review),
        }
        print(f"{label}: {figures[label]}", flush=True)
    path = write_result("co_occurrence", figures)
    print(f"written to {path}")


if __name__ == "__main__":
    main()
