"""Series linkage measured honestly: fit, threshold and evaluation on different seeds and kinds.

Used by ``bench/intelligence.py``. Each seed's extracts are generated, ingested through the
real pipeline into a throw-away Neo4j and read back with the real queries. Models are fitted
on the fit seeds, thresholds chosen on the threshold seeds, and figures measured on the
evaluation seeds, leaving each scenario kind out of fitting and threshold choice in turn
(leave-one-kind-out), beside the crime-linkage baseline (distance, days, Jaccard) on the same
records. The replay re-reads the graph as of each planted death, so "ranked after the 3rd
death" uses only what was recorded by then.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path

import neo4j

from bench.local_neo4j import load_generated
from graph_model.housekeeping import delete_everything
from queries.series.analysis import SeriesInputs, fetch_deaths, score_all
from queries.series.baseline import DistanceTimeJaccard
from queries.series.evaluation import ranking_metrics, series_rank
from queries.series.features import PairEvidence, candidate_pairs, pair_evidence
from queries.series.model import LinkModel, choose_threshold, train_model
from synthetic.layouts import STANDARD

REPLAY_DEATHS = (2, 3, 4)
TOP_K = 100


@dataclass(frozen=True)
class PlantedGroup:
    """A planted series or decoy group: its kind and its deaths in date order."""

    id: str
    kind: str
    deaths: tuple[str, ...]


@dataclass
class SeedData:
    """One generated, ingested and re-read data set."""

    seed: int
    inputs: SeriesInputs
    pairs: list[PairEvidence]
    series: list[PlantedGroup]
    decoys: list[PlantedGroup]
    linked: dict[frozenset[str], str] = field(default_factory=dict)  # pair -> series kind
    series_of: dict[frozenset[str], str] = field(default_factory=dict)  # pair -> series id
    #: Pairs of deaths naming the same true person as suspect, outside planted series (one
    #: man suspected of two background homicides): linked, but not by a planted series.
    common_offender: set[frozenset[str]] = field(default_factory=set)

    def labels(
        self, *, without_kind: str | None = None
    ) -> tuple[list[PairEvidence], list[bool], list[str | None]]:
        """Candidate pairs, their truth and their series, leaving out one kind's links.

        Pairs linked by a common offender outside the planted series are left out too: they
        are neither a planted series nor unlinked.
        """
        kept, labels, series = [], [], []
        for pair in self.pairs:
            key = frozenset((pair.a, pair.b))
            kind = self.linked.get(key)
            if (without_kind is not None and kind == without_kind) or key in self.common_offender:
                continue
            kept.append(pair)
            labels.append(kind is not None)
            series.append(self.series_of.get(key))
        return kept, labels, series


def _groups(truth: dict, key: str, dates: dict[str, date]) -> list[PlantedGroup]:
    groups = []
    for entry in truth.get(key, []):
        deaths = [f"death:{ref}" for ref in entry["deaths"] if f"death:{ref}" in dates]
        kind = entry.get("kind") or entry.get("profile") or "unknown"
        ordered = tuple(sorted(deaths, key=lambda d: (dates[d], d)))
        groups.append(PlantedGroup(entry["id"], kind, ordered))
    return groups


def _common_offender_pairs(truth: dict, dates: dict[str, date]) -> set[frozenset[str]]:
    """Pairs of deaths in which the same true person was a suspect (whatever was recorded)."""
    suspected: dict[str, set[str]] = defaultdict(set)
    for ref, people in truth.get("death_suspects", {}).items():
        if f"death:{ref}" in dates:
            for person in people:
                suspected[person].add(f"death:{ref}")
    return {
        frozenset(pair) for deaths in suspected.values() for pair in combinations(sorted(deaths), 2)
    }


def load_seed(
    driver: neo4j.Driver,
    home: Path,
    *,
    scale: str,
    seed: int,
    people: int | None,
    layout: str = STANDARD,
) -> SeedData:
    """Generate and ingest one seed in one layout, read its deaths back, build its pairs."""
    delete_everything(driver, "neo4j")
    folder = load_generated(driver, home, scale, seed, people=people, layout=layout)
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    inputs = fetch_deaths(driver, "neo4j")
    dates = {d.id: d.date_found for d in inputs.deaths}
    series = [g for g in _groups(truth, "series", dates) if len(g.deaths) >= 2]
    decoys = _groups(truth, "decoys", dates)
    context = inputs.context()
    by_id = {d.id: d for d in inputs.deaths}
    pairs = [
        pair_evidence(by_id[a], by_id[b], context)
        for a, b in sorted(candidate_pairs(inputs.deaths, context))
    ]
    linked = {
        frozenset(pair): group.kind for group in series for pair in combinations(group.deaths, 2)
    }
    series_of = {
        frozenset(pair): group.id for group in series for pair in combinations(group.deaths, 2)
    }
    common = _common_offender_pairs(truth, dates) - set(linked)
    return SeedData(seed, inputs, pairs, series, decoys, linked, series_of, common)


def fit_model(
    fit: Sequence[SeedData], threshold: Sequence[SeedData], *, hold_out: str | None
) -> LinkModel:
    """Linkwatch's model without one kind: fitted on ``fit``, threshold on ``threshold``."""
    pairs, labels, series = [], [], []
    for data in fit:
        p, y, s = data.labels(without_kind=hold_out)
        pairs += p
        labels += y
        series += [f"{data.seed}/{name}" if name else None for name in s]
    model = train_model(
        pairs,
        labels,
        series=series,
        provenance={
            "fit_seeds": [d.seed for d in fit],
            "held_out_kind": hold_out,
            "fit_pairs": len(pairs),
            "linked_fit_pairs": sum(labels),
        },
    )
    pairs, labels = [], []
    for data in threshold:
        p, y, _ = data.labels(without_kind=hold_out)
        pairs += p
        labels += y
    return choose_threshold(
        model, pairs, labels, note=f"seeds {', '.join(str(d.seed) for d in threshold)}"
    )


def _all_pairs(data: SeedData, *, without_kind: str | None):
    by_id = {d.id: d for d in data.inputs.deaths}
    pairs, labels = [], []
    for a, b in combinations(sorted(by_id), 2):
        kind = data.linked.get(frozenset((a, b)))
        if without_kind is not None and kind == without_kind:
            continue
        if frozenset((a, b)) in data.common_offender:
            continue
        pairs.append((by_id[a], by_id[b]))
        labels.append(kind is not None)
    return pairs, labels


def fit_baseline(fit: Sequence[SeedData], *, hold_out: str | None) -> DistanceTimeJaccard:
    """The distance-time-Jaccard baseline on every pair of the fit seeds (one kind left out)."""
    pairs, labels = [], []
    for data in fit:
        p, y = _all_pairs(data, without_kind=hold_out)
        pairs += p
        labels += y
    return DistanceTimeJaccard.fit(pairs, labels)


def _model_scores(inputs: SeriesInputs, model: LinkModel) -> dict[frozenset[str], float]:
    scored, _ = score_all(inputs, model)
    return {frozenset((p.a, p.b)): p.probability for p in scored}


def _baseline_scores(
    inputs: SeriesInputs, baseline: DistanceTimeJaccard
) -> dict[frozenset[str], float]:
    pairs = list(combinations(inputs.deaths, 2))
    return {
        frozenset((a.id, b.id)): p
        for (a, b), p in zip(pairs, baseline.probabilities(pairs), strict=True)
    }


def _prefixed(seed: int, scores: dict[frozenset[str], float]) -> dict[frozenset[str], float]:
    return {frozenset(f"{seed}/{x}" for x in key): p for key, p in scores.items()}


@dataclass
class KindResult:
    """Figures gathered for one held-out kind across evaluation seeds."""

    scores: dict[str, dict[frozenset[str], float]] = field(
        default_factory=lambda: {"linkwatch": {}, "baseline": {}}
    )
    ids: list[str] = field(default_factory=list)
    linked: set[frozenset[str]] = field(default_factory=set)
    other_linked: set[frozenset[str]] = field(default_factory=set)
    top_k: dict[str, list[float]] = field(default_factory=lambda: {"linkwatch": [], "baseline": []})
    ranks: dict[str, dict[int, list[int | None]]] = field(
        default_factory=lambda: {
            name: {k: [] for k in REPLAY_DEATHS} for name in ("linkwatch", "baseline")
        }
    )
    series: int = 0


def evaluate_seed(
    driver: neo4j.Driver,
    data: SeedData,
    models: dict[str, LinkModel],
    baselines: dict[str, DistanceTimeJaccard],
    results: dict[str, KindResult],
) -> None:
    """Score one loaded evaluation seed with each kind's held-out models, and replay it."""
    for kind, model in models.items():
        result = results.setdefault(kind, KindResult())
        own = {key for key, k in data.linked.items() if k == kind}
        other = {key for key, k in data.linked.items() if k != kind} | data.common_offender
        if not own:
            continue
        seed_scores = {
            "linkwatch": _model_scores(data.inputs, model),
            "baseline": _baseline_scores(data.inputs, baselines[kind]),
        }
        ids = [d.id for d in data.inputs.deaths]
        for name, scores in seed_scores.items():
            result.scores[name].update(_prefixed(data.seed, scores))
            top = ranking_metrics(ids, scores, own, top_k=TOP_K, exclude=other)
            result.top_k[name].append(top["recall_top_k"])
        result.ids += [f"{data.seed}/{i}" for i in ids]
        result.linked |= {frozenset(f"{data.seed}/{x}" for x in key) for key in own}
        result.other_linked |= {frozenset(f"{data.seed}/{x}" for x in key) for key in other}
        for group in (g for g in data.series if g.kind == kind):
            result.series += 1
            for k in REPLAY_DEATHS:
                if len(group.deaths) < k:
                    continue
                as_of = next(
                    d.date_found for d in data.inputs.deaths if d.id == group.deaths[k - 1]
                )
                replayed = fetch_deaths(driver, "neo4j", as_of=as_of)
                so_far = set(group.deaths[:k])
                others = {
                    key for key in data.linked if not key <= set(group.deaths)
                } | data.common_offender
                result.ranks["linkwatch"][k].append(
                    series_rank(_model_scores(replayed, model), so_far, ignore=others)
                )
                result.ranks["baseline"][k].append(
                    series_rank(_baseline_scores(replayed, baselines[kind]), so_far, ignore=others)
                )


def _median_rank(ranks: list[int | None]) -> float | None:
    """Median rank, counting a series never ranked as worse than every ranked one."""
    if not ranks:
        return None
    worst = max([r for r in ranks if r is not None], default=0) + 1
    return float(statistics.median(r if r is not None else worst for r in ranks))


def summarise(results: dict[str, KindResult]) -> dict[str, object]:
    """Per-kind figures for Linkwatch's model and the baseline."""
    summary: dict[str, object] = {}
    for kind, result in sorted(results.items()):
        if not result.linked:
            continue
        per_model = {}
        for name in ("linkwatch", "baseline"):
            pooled = ranking_metrics(
                result.ids,
                result.scores[name],
                result.linked,
                top_k=TOP_K,
                exclude=result.other_linked,
            )
            ranks = result.ranks[name]
            per_model[name] = {
                "roc_auc": pooled["roc_auc"],
                "average_precision": pooled["average_precision"],
                "imbalance": pooled.get("imbalance"),
                "recall_top_100_per_seed": round(statistics.mean(result.top_k[name]), 4),
                **{f"median_rank_after_death_{k}": _median_rank(ranks[k]) for k in REPLAY_DEATHS},
                **{f"ranks_after_death_{k}": ranks[k] for k in REPLAY_DEATHS},
                "top_3_by_death_3": (
                    sum(1 for r in ranks[3] if r is not None and r <= 3),
                    len(ranks[3]),
                ),
            }
        summary[kind] = {"series": result.series, **per_model}
    return summary


def threshold_figures(data: Sequence[SeedData], model: LinkModel) -> dict[str, object]:
    """Precision and recall at the shipped threshold, and decoy pairs above it."""
    tp = fp = fn = decoy_above = decoy_pairs = common = 0
    for seed in data:
        scores = _model_scores(seed.inputs, model)
        predicted = {
            key for key, p in scores.items() if p >= model.threshold
        } - seed.common_offender
        common += len(seed.common_offender)
        truth = set(seed.linked)
        tp += len(predicted & truth)
        fp += len(predicted - truth)
        fn += len(truth - predicted)
        decoys = {frozenset(p) for g in seed.decoys for p in combinations(g.deaths, 2)}
        decoy_pairs += len(decoys)
        decoy_above += len(decoys & predicted)
    return {
        "threshold": model.threshold,
        "precision": round(tp / (tp + fp), 4) if tp + fp else None,
        "recall": round(tp / (tp + fn), 4) if tp + fn else None,
        "linked_pairs": tp + fn,
        "decoy_pairs": decoy_pairs,
        "decoy_pairs_above_threshold": decoy_above,
        "common_offender_pairs_left_out": common,
    }
