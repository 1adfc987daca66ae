"""Draw a :class:`GraphView` as one self-contained, offline HTML page.

pyvis builds the vis-network node and edge lists; the page itself is Linkwatch's own
template, because pyvis's template loads Bootstrap from a CDN (the page must work on closed
networks) and writes tooltips with ``innerHTML`` (an XSS hole for names from the data).
vis-network's script and styles, shipped inside the pyvis package, are inlined, so the page
makes no request to any other host; a Content-Security-Policy with a per-page nonce forbids
any script or style that is not the page's own, and any connection except back to the
service that served it. All text from the data travels as JSON in a data block (``tojson``
escapes ``<``, ``>`` and ``&``) and reaches the page only through ``textContent``.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from pyvis.network import Network

from visualisation.language import KIND_STYLES, ROLE_STYLES, kind_style, role_style, with_time
from visualisation.view import GraphView

__all__ = ["meta_policy", "page_policy", "render_html", "template", "vis_data"]

_LABEL_CHARACTERS = 48


@cache
def _vis_assets() -> tuple[str, str]:
    lib = resources.files("pyvis").joinpath("lib", "vis-9.1.2")
    script = lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    styles = lib.joinpath("vis-network.css").read_text(encoding="utf-8")
    return script, styles


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("visualisation", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    environment.filters["with_time"] = with_time
    return environment


def template(name: str) -> Any:
    """A template of the package (autoescaping on)."""
    return _environment().get_template(name)


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_CHARACTERS else text[: _LABEL_CHARACTERS - 1] + "…"


def vis_data(view: GraphView) -> dict[str, Any]:
    """The vis-network nodes, edges and options of a view (built with pyvis)."""
    network = Network(directed=True, cdn_resources="in_line")
    for node in view.nodes:
        style = kind_style(node.kind)
        extra: dict[str, Any] = {}
        if node.x is not None and node.y is not None:
            extra.update(x=node.x, y=node.y, fixed=True)
        network.add_node(
            node.id,
            label=_short(node.label),
            shape=style.shape,
            color={"background": style.colour, "border": "#000000"},
            size=node.size or (30 if node.centre else 18),
            borderWidth=4 if node.centre else 1,
            font={"multi": False, "size": 14},
            kind=node.kind,
            date=node.date,
            tooltip="\n".join(line for line in [node.label, *node.tooltip] if line),
            expandable=node.expandable,
            centre=node.centre,
            **extra,
        )
    seen: set[str] = set()
    for edge in view.edges:
        edge_id = "|".join((edge.source, edge.target, edge.type, edge.label))
        if edge_id in seen:  # vis-network refuses two edges with one id
            continue
        seen.add(edge_id)
        style = role_style(edge.role)
        network.add_edge(
            edge.source,
            edge.target,
            id=edge_id,
            label=_short(edge.label),
            dashes=list(style.dashes) if isinstance(style.dashes, tuple) else style.dashes,
            width=style.width,
            arrows={"to": {"enabled": edge.arrow}},
            type=edge.type,
            role=edge.role,
            date=edge.date,
            tooltip="\n".join([edge.label, *edge.tooltip]),
            color={"color": "#555555"},
            font={"size": 11, "align": "middle"},
        )
    nodes, edges, *_ = network.get_network_data()
    options = {
        "physics": {
            "enabled": view.physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 140},
            "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 50},
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "multiselect": True},
        "edges": {"smooth": {"enabled": True, "type": "continuous"}},
        "nodes": {"font": {"face": "sans-serif"}},
    }
    return {"nodes": nodes, "edges": edges, "options": options}


def page_policy(nonce: str) -> str:
    """The Content-Security-Policy of a view page with that nonce (also sent as a header)."""
    return (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
        "img-src data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    )


def meta_policy(nonce: str) -> str:
    """The same policy for a ``<meta>`` tag (which cannot carry ``frame-ancestors``)."""
    return page_policy(nonce).replace("; frame-ancestors 'none'", "")


def render_html(
    view: GraphView,
    *,
    expand_url: str | None = None,
    generated_by: str | None = None,
    nonce: str | None = None,
) -> str:
    """The page of a view.

    Parameters
    ----------
    view
        What to draw.
    expand_url
        URL template with ``{id}`` the page may fetch neighbours from (same origin only);
        None for standalone files, which then cannot expand.
    generated_by
        Who made it, shown in the footer with the time.
    nonce
        The script and style nonce (a fresh one by default); a server sending the page
        passes its own so the header policy (:func:`page_policy`) matches.
    """
    script, styles = _vis_assets()
    nonce = nonce or secrets.token_urlsafe(16)
    data = vis_data(view)
    data["expand_url"] = expand_url
    data["types"] = view.relationship_types
    dates = sorted(n["date"] for n in data["nodes"] if n.get("date"))
    data["date_range"] = [dates[0], dates[-1]] if dates else None
    return template("view.html").render(
        view=view,
        data=data,
        nonce=nonce,
        policy=meta_policy(nonce),
        vis_script=script,
        vis_styles=styles,
        viewer_script=_viewer_script(),
        kinds=[(kind, style) for kind, style in KIND_STYLES.items()],
        roles=list(ROLE_STYLES.items()),
        generated_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        generated_by=generated_by,
    )


@cache
def _viewer_script() -> str:
    return resources.files("visualisation").joinpath("templates", "viewer.js").read_text("utf-8")
