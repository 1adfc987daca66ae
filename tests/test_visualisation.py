"""The view model and page rendering, without a browser (the browser tests are in tests/api)."""

from __future__ import annotations

from datetime import date

from bench.viewer import random_view
from queries.documents.precursors import precursor_document
from queries.precursors.analysis import path_from_rows
from visualisation.builders import precursor_view
from visualisation.language import ROLE_STYLES
from visualisation.render import render_html, vis_data
from visualisation.view import GraphView, ViewEdge, ViewNode, limit_size


def test_large_views_keep_the_centre_and_group_the_rest_and_say_so() -> None:
    view = random_view(2_000)
    limited = limit_size(view, 500)
    assert len(limited.nodes) == 500
    assert any(n.centre for n in limited.nodes)
    groups = [n for n in limited.nodes if n.kind == "Group"]
    hidden = sum(int(n.label.split()[0][1:].replace(",", "")) for n in groups)
    assert groups and hidden == 2_000 - (500 - len(groups))
    ids = {n.id for n in limited.nodes}
    assert all(e.source in ids and e.target in ids for e in limited.edges)
    assert "Showing" in limited.notices[-1] and "grouped" in limited.notices[-1]
    assert limit_size(random_view(100), 500).nodes == random_view(100).nodes


def test_roles_differ_by_line_style_not_colour_alone() -> None:
    patterns = {
        (s.dashes, s.width) for r, s in ROLE_STYLES.items() if r in ("victim", "suspect", "witness")
    }
    assert len(patterns) == 3


def test_untrusted_text_never_appears_as_markup_in_the_page() -> None:
    payload = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"
    view = GraphView(title=payload, subtitle=payload, notices=[payload])
    view.nodes = [ViewNode("a", payload, "Person", [payload]), ViewNode("b", "b", "Place")]
    view.edges = [ViewEdge("a", "b", "LIVES_AT", label=payload)]
    html = render_html(view)
    assert "<img src=x" not in html and "<script>alert" not in html
    assert "&lt;img src=x" in html  # the title and notices, escaped
    assert html.count('<script type="application/json"') == 1  # the data, not run
    assert html.count("<script nonce=") == 2  # vis-network and the viewer, nothing else


def test_only_the_fields_a_view_needs_reach_the_page() -> None:
    view = GraphView(title="t", nodes=[ViewNode("a", "A", "Person", ["line"])])
    node = vis_data(view)["nodes"][0]
    assert set(node) <= {
        "id",
        "label",
        "shape",
        "color",
        "size",
        "borderWidth",
        "font",
        "kind",
        "date",
        "tooltip",
        "expandable",
        "centre",
        "x",
        "y",
        "fixed",
    }


def test_the_precursor_view_gives_earlier_deaths_a_lane_and_says_whose_step_it_is() -> None:
    def row(event: str, record: str, day: date, role: str) -> dict[str, object]:
        return {
            "person": "person:F",
            "event": event,
            "record": record,
            "date": day,
            "agency": "police",
            "kind": "drug_toxicity" if record == "death" else "sexual_offence",
            "markers": [],
            "role": role,
            "summary": None,
        }

    path = path_from_rows(
        "death:D2",
        date(2024, 6, 1),
        [
            {"person": "person:V", "roles": ["deceased"]},
            {"person": "person:F", "roles": ["found_by"]},
        ],
        [
            row("death:D1", "death", date(2023, 11, 20), "reported_by"),
            row("incident:I1", "incident", date(2024, 2, 10), "suspect"),
        ],
    )
    view = precursor_view(precursor_document(path, names={"person:F": "Finn"}))
    nodes = {node.id: node for node in view.nodes}
    assert nodes["person:F"].label == "Finn" and nodes["person:F"].tooltip == ["role: found_by"]
    assert (nodes["death:D1"].kind, nodes["incident:I1"].kind) == ("Death", "Incident")
    assert nodes["death:D1"].y != nodes["incident:I1"].y  # a lane of its own
    assert nodes["death:D1"].tooltip[0] == "death report: drug_toxicity"
    ties = {(e.source, e.target): (e.label, e.role) for e in view.edges if e.type == "INVOLVED"}
    assert ties == {
        ("person:F", "death:D1"): ("found_by: reported_by", "reported_by"),
        ("person:F", "incident:I1"): ("found_by: suspect", "suspect"),
    }
