"""The linkage model as a versioned artefact in the graph.

Every load links with the current stored model, so the same two records score the same
whatever else a delivery holds, and every link names the model that made it. A model is
trained only when asked (``linkwatch linkage train``), or once, on the first load, when no
model is stored yet.
"""

from __future__ import annotations

import hashlib
import json
import random
from datetime import UTC, datetime

from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import NotFound
from graph_model.kinds import SourceSystem
from graph_model.nodes import LinkageModel
from graph_model.store import GraphStore
from ingest.linkage.link import quiet_splink
from ingest.linkage.standardise import standardise
from ingest.linkage.training import train_model
from ingest.persons import records_frame, stored_record

__all__ = [
    "current_model",
    "model_summary",
    "model_versions",
    "population_size",
    "save_model",
    "train_on_graph",
    "train_on_records",
]


def current_model(store: GraphStore) -> LinkageModel | None:
    """The linkage model every load uses now, or None before the first one is trained."""
    rows = read(store.driver, store.database, cypher("identity/current_model", package="ingest"))
    return LinkageModel.from_properties(rows[0]["model"]) if rows else None


def model_versions(store: GraphStore) -> list[dict[str, object]]:
    """Every stored version, newest first, with the number of loads that used it."""
    rows = read(store.driver, store.database, cypher("identity/models", package="ingest"))
    return [dict(row) for row in rows]


def population_size(store: GraphStore) -> dict[str, int]:
    """Person records, resolved people, record links, aliases and pending reviews."""
    rows = read(store.driver, store.database, cypher("identity/population_size", package="ingest"))
    return {key: int(value) for key, value in dict(rows[0]).items()}


def model_summary(model_json: str) -> dict[str, object]:
    """The prior match rate and, per comparison, each level's m and u (for ``status``)."""
    model = json.loads(model_json)
    return {
        "probability_two_random_records_match": model["probability_two_random_records_match"],
        "comparisons": {
            comparison["output_column_name"]: [
                {
                    "level": level["label_for_charts"],
                    "m": level.get("m_probability"),
                    "u": level.get("u_probability"),
                }
                for level in comparison["comparison_levels"]
                if not level.get("is_null_level")
            ]
            for comparison in model["comparisons"]
        },
    }


def save_model(
    store: GraphStore,
    model_json: str,
    *,
    trained_by: str,
    records_used: int,
    how: str,
    load_run_id: str | None = None,
) -> LinkageModel:
    """Store a trained model as the next version and make it current.

    ``load_run_id`` names the load that trained it, when a first load did.

    Returns
    -------
    LinkageModel
        The stored version.
    """
    versions = model_versions(store)
    version = max((int(v["version"]) for v in versions), default=0) + 1
    now = datetime.now(UTC)
    identifier = f"linkage-model:v{version}"
    model = LinkageModel(
        id=identifier,
        version=version,
        current=True,
        model_json=model_json,
        digest="sha256:" + hashlib.sha256(model_json.encode("utf-8")).hexdigest(),
        trained_at=now,
        trained_by=trained_by,
        records_used=records_used,
        population=population_size(store)["records"],
        how=how,
        summary_json=json.dumps(model_summary(model_json), sort_keys=True),
        source_system=SourceSystem.LINKWATCH,
        source_record_id=identifier,
        load_run_id=load_run_id,
        loaded_at=now,
    )
    store.upsert_nodes([model], scope="linkage_model")
    store.run_write(cypher("identity/retire_models", package="ingest"), current=identifier)
    return model


def train_on_records(frame_records, *, seed: int = 42) -> str:
    """Train a model on person records (a ``records_frame``); returns Splink JSON."""
    return train_on_standard(standardise(frame_records), seed=seed)


def train_on_standard(standard, *, seed: int = 42) -> str:
    """Train a model on standardised person records (:func:`standardise`); Splink JSON."""
    with quiet_splink():
        return train_model(standard, seed=seed)


def train_on_graph(
    store: GraphStore, *, trained_by: str, sample: int | None = None, seed: int = 42
) -> LinkageModel:
    """Fit the linkage model on the person records in the graph and store it as current.

    Parameters
    ----------
    store
        The graph.
    trained_by
        Who asked (recorded on the model).
    sample
        Train on this many records drawn at random (seeded) instead of all of them.
    seed
        Seed of the sample and of Splink's u sampling.

    Raises
    ------
    NotFound
        If the graph holds no person records to train on.
    """
    rows = read(
        store.driver, store.database, cypher("identity/population_records", package="ingest")
    )
    records = [stored_record(row["record"]) for row in rows]
    if not records:
        raise NotFound(
            "The graph holds no person records to train the linkage model on.",
            hint="Load a delivery first: `linkwatch ingest PATH`.",
        )
    if sample is not None and sample < len(records):
        records = random.Random(seed).sample(records, sample)  # noqa: S311 (not security)
    model_json = train_on_records(records_frame(records), seed=seed)
    how = f"linkage train on {len(records)} of {len(rows)} records"
    return save_model(store, model_json, trained_by=trained_by, records_used=len(records), how=how)
