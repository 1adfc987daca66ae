"""Charts for reports: matplotlib, drawn to PNG and inlined (readable on screen and on paper)."""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Mapping, Sequence
from functools import cache
from types import ModuleType
from typing import Any

import networkx as nx

__all__ = ["bar_chart", "month_chart", "network_chart", "place_map"]

_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]


@cache
def _pyplot() -> ModuleType:
    """The pyplot module of matplotlib on the file-only Agg backend, imported on the first chart.

    matplotlib takes about half a second to import; commands and requests that draw no
    chart (a review's list, a map) should not pay for it.
    """
    import matplotlib

    matplotlib.use("Agg")  # no display: charts are files
    import matplotlib.pyplot

    return matplotlib.pyplot


def _png(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=130, bbox_inches="tight", metadata={"Software": None})
    _pyplot().close(figure)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def month_chart(current: Mapping[str, int], previous: Mapping[str, int] | None = None) -> str:
    """Deaths per month as bars (and the previous period's months as a line, aligned)."""
    figure, axes = _pyplot().subplots(figsize=(8, 3))
    months = list(current)
    axes.bar(range(len(months)), list(current.values()), color=_COLOURS[0], label="this period")
    if previous:
        values = list(previous.values())[-len(months) :]
        axes.plot(
            range(len(values)),
            values,
            color=_COLOURS[1],
            marker="o",
            label="previous period (same position)",
        )
        axes.legend(loc="upper left", fontsize=8)
    axes.set_xticks(range(len(months)), months, rotation=60, fontsize=7)
    axes.set_ylabel("death reports")
    axes.yaxis.get_major_locator().set_params(integer=True)
    return _png(figure)


def bar_chart(counts: Mapping[str, int], title: str) -> str:
    """A horizontal bar chart of counts, largest at the top, with the numbers written on."""
    ordered = sorted(counts.items(), key=lambda kv: (kv[1], kv[0]))
    figure, axes = _pyplot().subplots(figsize=(4.2, 0.35 * max(3, len(ordered)) + 0.6))
    labels = [k.replace("_", " ") for k, _ in ordered]
    values = [v for _, v in ordered]
    axes.barh(labels, values, color=_COLOURS[0])
    for position, value in enumerate(values):
        axes.text(value, position, f" {value}", va="center", fontsize=8)
    axes.set_title(title, fontsize=10)
    axes.tick_params(labelsize=8)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.set_xlim(0, max([*values, 1]) * 1.2)
    return _png(figure)


def place_map(
    points: Sequence[tuple[float, float, str]], labels: Mapping[str, tuple[float, float]]
) -> str:
    """Deaths on a plain projected grid (no map tiles: the report must work offline).

    ``points`` are (latitude, longitude, classification); ``labels`` name areas at their
    centres. Longitude is scaled by the cosine of the mean latitude, so distances look right.
    """
    figure, axes = _pyplot().subplots(figsize=(6.5, 6.5))
    if points:
        scale = math.cos(math.radians(sum(p[0] for p in points) / len(points)))
        kinds = sorted({p[2] for p in points})
        markers = ["o", "s", "^", "D", "v", "P", "X"]
        for index, kind in enumerate(kinds):
            chosen = [p for p in points if p[2] == kind]
            axes.scatter(
                [p[1] * scale for p in chosen],
                [p[0] for p in chosen],
                s=22,
                marker=markers[index % len(markers)],
                color=_COLOURS[index % len(_COLOURS)],
                label=kind.replace("_", " "),
                alpha=0.8,
            )
        for name, (latitude, longitude) in labels.items():
            axes.annotate(
                name,
                (longitude * scale, latitude),
                fontsize=9,
                ha="center",
                color="#333333",
                weight="bold",
            )
        axes.legend(fontsize=8, loc="best", title="classification", title_fontsize=8)
    axes.set_aspect("equal")
    axes.grid(True, color="#dddddd")
    axes.set_xlabel("east (scaled degrees of longitude)")
    axes.set_ylabel("north (degrees of latitude)")
    return _png(figure)


def network_chart(graph: nx.Graph, *, seed: int = 7) -> str:
    """A small relationship map for print: kinds by shape, ties labelled by their kind."""
    figure, axes = _pyplot().subplots(figsize=(6, 4))
    layout = nx.spring_layout(graph, seed=seed)
    shapes = {"Death": "*", "Person": "o", "Place": "s"}
    for kind, marker in shapes.items():
        nodes = [n for n, k in graph.nodes(data="kind") if k == kind]
        nx.draw_networkx_nodes(
            graph,
            layout,
            nodelist=nodes,
            node_shape=marker,
            node_size=320,
            node_color=_COLOURS[list(shapes).index(kind)],
            ax=axes,
        )
    nx.draw_networkx_edges(graph, layout, ax=axes, edge_color="#555555")
    nx.draw_networkx_labels(
        graph, layout, labels=dict(graph.nodes(data="label")), font_size=7, ax=axes
    )
    nx.draw_networkx_edge_labels(
        graph, layout, edge_labels=nx.get_edge_attributes(graph, "label"), font_size=6, ax=axes
    )
    axes.axis("off")
    return _png(figure)


def timeline_chart(steps: Sequence[tuple[Any, str, str]], event_date: Any) -> str:
    """Earlier events as marks on a date axis, one lane per agency, the event as a line.

    ``steps`` are (date, agency, short label).
    """
    lanes = sorted({agency for _, agency, _ in steps}) or ["police"]
    figure, axes = _pyplot().subplots(figsize=(9, 1 + 0.6 * len(lanes)))
    for index, lane in enumerate(lanes):
        chosen = [(day, label) for day, agency, label in steps if agency == lane]
        axes.scatter(
            [day for day, _ in chosen],
            [index] * len(chosen),
            s=40,
            color=_COLOURS[index % len(_COLOURS)],
            zorder=3,
        )
        for day, label in chosen:
            axes.annotate(
                label,
                (day, index),
                textcoords="offset points",
                xytext=(0, 7),
                fontsize=6,
                rotation=30,
                ha="left",
            )
    axes.axvline(event_date, color="#000000", linestyle="--", label="event under review")
    axes.set_yticks(range(len(lanes)), [lane.replace("_", " ") for lane in lanes], fontsize=8)
    axes.set_ylim(-0.6, len(lanes) - 0.1)
    axes.tick_params(axis="x", labelsize=7)
    axes.legend(fontsize=7, loc="lower left")
    axes.grid(True, axis="x", color="#dddddd")
    return _png(figure)
