"""The view model and page rendering, without a browser (the browser tests are in tests/api)."""

from __future__ import annotations

from bench.viewer import random_view
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
