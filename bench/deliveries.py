"""Continuous operation (#13): one load of a world against the same world delivery by delivery.

Part 1, per scale: the generated world is loaded in one go, the graph emptied, then loaded as
four deliveries (police and register files; death reports; NHS before 2025; NHS from 2025
and the council file). Figures: pairwise F1 of the people against the truth, people count,
the share of person ids present after the first delivery that are unchanged at the end, and
each load's time.

Part 2 (``--monthly``): everything but the NHS file, then twelve monthly NHS deliveries;
each month's records and load time, so that the time can be set against the delivery's size
and the graph's.

Run: ``.venv/bin/python -m bench.deliveries [--scales small medium] [--monthly medium]``.
Starts a throw-away Neo4j on a free port; writes ``bench/results/deliveries.json``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import neo4j

from bench.common import write_result
from bench.generated_records import read_generated
from bench.local_neo4j import throwaway_neo4j
from graph_model.cypher_catalogue import cypher
from graph_model.store import GraphStore
from ingest.linkage import pairwise_scores
from ingest.mapping.loader import load_mapping
from ingest.pipeline import ingest_delivery
from synthetic.config import Scale, config_for
from synthetic.deliveries import four_deliveries, monthly_nhs_deliveries
from synthetic.generator import generate

RECORD_PEOPLE = "MATCH (s:SourceRecord)-[:DESCRIBES]->(p:Person) RETURN s.id AS r, p.id AS p"


def _empty(driver: neo4j.Driver) -> None:
    with driver.session(database="neo4j") as session:
        session.run(cypher("admin/delete_all")).consume()


def _person_of(driver: neo4j.Driver) -> dict[str, str]:
    records = driver.execute_query(RECORD_PEOPLE, database_="neo4j").records
    return {row["r"]: row["p"] for row in records}


def _load(driver: neo4j.Driver, folders: list[Path], quarantine: Path) -> dict[str, object]:
    began = time.perf_counter()
    report = ingest_delivery(
        folders,
        load_mapping("generator"),
        GraphStore(driver, "neo4j"),
        loaded_by="bench",
        quarantine_dir=quarantine,
    )
    identity = report.identity
    return {
        "seconds": round(time.perf_counter() - began, 2),
        "record_linkage_seconds": round(report.timings.get("record_linkage", 0.0), 2),
        "records_in_delivery": report.person_records,
        "records_new": identity.records_new if identity else 0,
        "people_added": identity.people_added if identity else 0,
        "records_joined_existing": identity.records_joined_existing if identity else 0,
        "merges": len(identity.merges) if identity else 0,
        "splits": len(identity.splits) if identity else 0,
    }


def _quality(driver: neo4j.Driver, truth: dict[str, str]) -> dict[str, object]:
    person_of = _person_of(driver)
    known = {r: p for r, p in person_of.items() if r in truth}
    scores = pairwise_scores(known, {r: truth[r] for r in known})
    return {
        "people": len(set(person_of.values())),
        "records": len(person_of),
        "precision": round(scores.precision, 4),
        "recall": round(scores.recall, 4),
        "f1": round(scores.f1, 4),
    }


def compare_split(driver: neo4j.Driver, scale: str, seed: int, scratch: Path) -> dict[str, object]:
    """One load against four deliveries of the same world."""
    folder = scratch / f"{scale}-{seed}"
    generate(config_for(Scale(scale), seed=seed), folder)
    truth = read_generated(folder).truth
    _empty(driver)
    one = _load(driver, [folder], scratch / "quarantine")
    one_quality = _quality(driver, truth)
    _empty(driver)
    loads = []
    after_first: dict[str, str] = {}
    for index, delivery in enumerate(four_deliveries(folder, scratch / f"split-{scale}-{seed}")):
        loads.append(_load(driver, [delivery], scratch / "quarantine"))
        if index == 0:
            after_first = _person_of(driver)
    split_quality = _quality(driver, truth)
    final = _person_of(driver)
    stable = sum(1 for r, p in after_first.items() if final.get(r) == p)
    first_ids = set(after_first.values())
    kept_ids = {p for r, p in after_first.items() if final.get(r) == p}
    result = {
        "scale": scale,
        "seed": seed,
        "one_load": {**one, **one_quality},
        "four_deliveries": {"loads": loads, **split_quality},
        "f1_difference": round(split_quality["f1"] - one_quality["f1"], 4),
        "extra_people_share": round(split_quality["people"] / one_quality["people"] - 1, 4),
        "first_delivery_records_with_same_person_id": round(stable / len(after_first), 4),
        "first_delivery_person_ids_unchanged": round(len(kept_ids) / len(first_ids), 4),
    }
    print(
        f"{scale} seed {seed}: F1 one load {one_quality['f1']:.4f}, four deliveries "
        f"{split_quality['f1']:.4f}; people {one_quality['people']} vs "
        f"{split_quality['people']}; ids kept {result['first_delivery_person_ids_unchanged']:.2%}"
    )
    return result


def monthly(driver: neo4j.Driver, scale: str, seed: int, scratch: Path) -> dict[str, object]:
    """A base delivery, then twelve monthly NHS deliveries: time per delivery."""
    folder = scratch / f"{scale}-{seed}"
    if not folder.exists():
        generate(config_for(Scale(scale), seed=seed), folder)
    _empty(driver)
    base, months = monthly_nhs_deliveries(folder, scratch / f"monthly-{scale}-{seed}")
    base_load = _load(driver, [base], scratch / "quarantine")
    rows = []
    for month in months:
        records_before = len(_person_of(driver))
        load = _load(driver, [month], scratch / "quarantine")
        rows.append({"month": month.name, "graph_records_before": records_before, **load})
        print(
            f"{month.name}: {load['records_in_delivery']} records into a graph of "
            f"{records_before}: {load['seconds']} s (linkage {load['record_linkage_seconds']} s)"
        )
    return {"scale": scale, "seed": seed, "base": base_load, "months": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", nargs="*", default=["small", "medium"])
    parser.add_argument("--seed", type=int, default=31)
    parser.add_argument("--monthly", default="medium", help="scale for part 2 ('' to skip)")
    arguments = parser.parse_args()
    figures: dict[str, object] = {"split": [], "monthly": None}
    with throwaway_neo4j() as (driver, _home), tempfile.TemporaryDirectory() as scratch:
        for scale in arguments.scales:
            figures["split"].append(compare_split(driver, scale, arguments.seed, Path(scratch)))
            write_result("deliveries", figures)  # what is done so far survives a later failure
        if arguments.monthly:
            figures["monthly"] = monthly(driver, arguments.monthly, arguments.seed, Path(scratch))
    print(write_result("deliveries", figures))


if __name__ == "__main__":
    main()
