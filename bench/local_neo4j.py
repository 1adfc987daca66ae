"""A throw-away local Neo4j for benchmarks: temporary folder, free port, cached jars."""

from __future__ import annotations

import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import neo4j

from graph_model.connection import open_driver, resolve_target
from graph_model.local_server.layout import ServerLayout
from graph_model.local_server.process import start_server, stop_server
from graph_model.schema import apply_schema
from graph_model.settings import Settings, get_settings
from graph_model.store import GraphStore
from ingest.mapping.loader import load_mapping
from ingest.pipeline import ingest_delivery
from synthetic.config import Scale, config_for
from synthetic.generator import generate
from synthetic.layouts import STANDARD, load_layouts


def free_port() -> int:
    """A loopback port nobody is listening on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def throwaway_neo4j(memory: str = "2g") -> Iterator[tuple[neo4j.Driver, Path]]:
    """Start a fresh server with the schema applied; yield a driver and a scratch folder."""
    with throwaway_neo4j_settings(memory) as (driver, home, _settings):
        yield driver, home


@contextmanager
def throwaway_neo4j_settings(
    memory: str = "2g",
) -> Iterator[tuple[neo4j.Driver, Path, Settings]]:
    """As :func:`throwaway_neo4j`, also yielding the settings that reach the server."""
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        settings = Settings(
            neo4j_uri=None,
            linkwatch_home=home / "home",
            linkwatch_neo4j_bolt_port=free_port(),
            linkwatch_cache_dir=get_settings().linkwatch_cache_dir,
            linkwatch_neo4j_heap=memory,
            linkwatch_neo4j_pagecache=memory,
        )
        layout = ServerLayout.from_settings(settings)
        start_server(layout, report=lambda _line: None)
        try:
            driver = open_driver(resolve_target(settings))
            apply_schema(driver, "neo4j")
            try:
                yield driver, home, settings
            finally:
                driver.close()
        finally:
            stop_server(layout)


def load_generated(
    driver: neo4j.Driver,
    home: Path,
    scale: str,
    seed: int = 7,
    *,
    people: int | None = None,
    layout: str = STANDARD,
) -> Path:
    """Generate a scale's extracts (or ``people`` people) into ``home``, ingest them.

    ``layout`` names the extract layout; the layout's own mapping loads it.
    Returns the folder the extracts and ``ground_truth.json`` were written to.
    """
    folder = home / f"{scale if people is None else people}-{seed}-{layout}"
    generate(config_for(Scale(scale), seed=seed, people=people, layout=layout), folder)
    ingest_delivery(
        [folder],
        load_mapping(load_layouts()[layout].mapping),
        GraphStore(driver, "neo4j"),
        loaded_by="bench",
        quarantine_dir=home / "quarantine",
    )
    return folder
