"""Time until a view is laid out and interactive, by size, in headless Chromium.

Run: ``.venv/bin/python -m bench.viewer [--sizes 100 1000 2000 5000]``. Each view is a random
network (about 1.5 ties per entity, mixed kinds and dated ties) rendered to a file with the
real template, opened in Debian's Chromium, and timed from navigation until vis-network has
stabilised and stopped (``data-stable``), drawn without grouping; then again with the
service's grouping limit. Writes ``bench/results/viewer.json``; the limit in
``api/routes/views.py`` (``MAX_VIEW_NODES``) comes from these figures.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.common import write_result
from visualisation.render import render_html
from visualisation.screenshot import chromium_path
from visualisation.view import GraphView, ViewEdge, ViewNode, limit_size

KINDS = ["Person", "Person", "Person", "Incident", "Place", "PartnerContact", "Object"]
LIMIT = 500


def random_view(size: int, seed: int = 7) -> GraphView:
    """A connected random network of ``size`` entities."""
    rng = random.Random(seed)
    view = GraphView(title=f"{size} entities")
    for index in range(size):
        view.nodes.append(
            ViewNode(f"n{index}", f"entity {index}", rng.choice(KINDS), [], centre=index == 0)
        )
    for index in range(1, size):
        view.edges.append(
            ViewEdge(f"n{rng.randrange(index)}", f"n{index}", "ASSOCIATED_WITH", label="tie")
        )
    for _ in range(size // 2):
        a, b = rng.sample(range(size), 2)
        view.edges.append(ViewEdge(f"n{a}", f"n{b}", "PARTY_TO", role="suspect", label="x"))
    return view


def _time_to_stable(browser, html: str, folder: Path) -> float:
    page_file = folder / "view.html"
    page_file.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    began = time.perf_counter()
    page.goto(page_file.as_uri())
    page.wait_for_selector("body[data-stable='true']", timeout=600_000)
    seconds = time.perf_counter() - began
    page.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", nargs="+", type=int, default=[100, 500, 1000, 2000, 5000])
    arguments = parser.parse_args()
    figures: dict[str, object] = {"limit": LIMIT}
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        for size in arguments.sizes:
            view = random_view(size)
            raw = _time_to_stable(browser, render_html(view), Path(scratch))
            grouped = _time_to_stable(browser, render_html(limit_size(view, LIMIT)), Path(scratch))
            figures[str(size)] = {
                "seconds_to_stable_all_drawn": round(raw, 2),
                "seconds_to_stable_with_limit": round(grouped, 2),
                "drawn_with_limit": min(size, LIMIT),
            }
            print(size, json.dumps(figures[str(size)]))
        browser.close()
    print(f"written to {write_result('viewer', figures)}")


if __name__ == "__main__":
    main()
