"""What a load changed in the candidate series: which are new, which grew.

A frequent analytical report needs something to report: after each load the candidate
series are found again and set against those the previous load recorded. A series keeps its
id (``series:`` + its first death) as it grows, so "grew" is the same id with more deaths.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

import neo4j

from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from queries.series.analysis import find_series

__all__ = ["SeriesChanges", "compare_series", "record_series_changes"]


@dataclass(frozen=True)
class SeriesChanges:
    """Candidate series new since the previous load, and those that gained deaths.

    ``grew`` maps a series id to the deaths it gained; ``previous_run`` is the load run
    compared with (None: no earlier run recorded series, so every series is new).
    """

    new: list[str] = field(default_factory=list)
    grew: dict[str, list[str]] = field(default_factory=dict)
    total: int = 0
    previous_run: str | None = None


def compare_series(
    previous: Mapping[str, list[str]], current: Mapping[str, list[str]]
) -> SeriesChanges:
    """Set two snapshots (series id -> death ids) against each other.

    Examples
    --------
    >>> changes = compare_series({"series:a": ["a", "b"]}, {"series:a": ["a", "b", "c"],
    ...                                                    "series:d": ["d", "e"]})
    >>> changes.new, changes.grew
    (['series:d'], {'series:a': ['c']})
    """
    new = sorted(set(current) - set(previous))
    grew = {
        series: sorted(set(deaths) - set(previous[series]))
        for series, deaths in sorted(current.items())
        if series in previous and set(deaths) - set(previous[series])
    }
    return SeriesChanges(new=new, grew=grew, total=len(current))


def record_series_changes(driver: neo4j.Driver, database: str, run_id: str) -> SeriesChanges:
    """Find the candidate series now, keep them on the load run, and say what changed.

    Parameters
    ----------
    driver, database
        The graph.
    run_id
        The load run just finished.

    Returns
    -------
    SeriesChanges
        New and grown series since the latest earlier run that recorded series.
    """
    current = {
        series.id: sorted(death.id for death in series.deaths)
        for series in find_series(driver, database).series
    }
    rows = read(
        driver, database, cypher("series/previous_snapshot", package="queries"), {"run": run_id}
    )
    previous = json.loads(rows[0]["series"]) if rows else {}
    changes = compare_series(previous, current)
    changes = SeriesChanges(
        changes.new, changes.grew, changes.total, rows[0]["run"] if rows else None
    )

    def write(tx: neo4j.ManagedTransaction) -> None:
        tx.run(
            cypher("series/record_snapshot", package="queries"),
            run=run_id,
            series=json.dumps(current, sort_keys=True),
            changes=json.dumps(
                {"new": changes.new, "grew": changes.grew, "previous_run": changes.previous_run},
                sort_keys=True,
            ),
        ).consume()

    with driver.session(database=database) as session:
        session.execute_write(write)
    return changes
