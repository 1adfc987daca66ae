"""The views in a real headless Chromium (Debian's chromium, driven by Playwright).

A real uvicorn server serves the API on loopback with the tiny data loaded; the browser signs
in through the viewer's login page like an analyst would. Screenshots go to docs/screenshots/
(docs/guide/viewer.md shows them).
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote, urlparse

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from api.app import create_app
from bench.local_neo4j import free_port
from governance.roles import Role
from governance.users import create_user, revoke_user
from tests.api.conftest import audit_log, call
from tests.cli.helpers import run_linkwatch
from visualisation.render import render_html
from visualisation.screenshot import chromium_path
from visualisation.view import GraphView, ViewEdge, ViewNode

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
XSS = "<img src=x onerror=\"document.title='pwned'\">"


@pytest.fixture(scope="module")
def server(api_settings, loaded) -> Iterator[str]:
    with _serving(api_settings) as base:
        yield base


@contextmanager
def _serving(settings) -> Iterator[str]:
    """The app under a real uvicorn on a loopback port; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    try:
        yield base
    finally:
        running.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path(), args=["--no-sandbox"]
        )
        yield launched
        launched.close()


class Watched:
    """A page with its console errors, dialogs and every URL it asked for."""

    def __init__(self, page: Page) -> None:
        self.page, self.errors, self.dialogs, self.requests = page, [], [], []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: self.requests.append(r.url))

    def stable(self) -> None:
        try:
            self.page.wait_for_selector("body[data-stable='true']", timeout=60_000)
        except Exception as error:  # say why: the page's own errors
            raise AssertionError(f"view never settled; page errors: {self.errors}") from error

    def count(self) -> tuple[int, int]:
        shown = self.page.evaluate("[linkwatchView.nodeView.length, linkwatchView.edgeView.length]")
        return shown[0], shown[1]


def _sign_in(browser: Browser, server: str, key: str, next_path: str) -> Watched:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    watched = Watched(page)
    page.goto(f"{server}/viewer/login?next={quote(next_path)}")
    page.fill("#key", key)
    page.fill("#justification", "OP/VIEWER/2026/3")
    page.click("button[type=submit]")
    page.wait_for_url(f"{server}{next_path}", timeout=30_000)
    watched.stable()
    return watched


@pytest.mark.slow
def test_ego_view_draws_expands_filters_and_stays_on_the_server(
    browser, server, users, subjects, client
) -> None:
    path = f"/api/v1/views/ego/{quote(subjects.victim, safe=':')}?hops=1"
    watched = _sign_in(browser, server, users.keys["analyst"], path)
    answer = call(
        client, users.keys["analyst"], "GET", f"/api/v1/network/ego/{subjects.victim}?hops=1"
    )
    assert answer.status_code == 200, answer.text
    expected = answer.json()
    assert watched.count() == (len(expected["nodes"]), len(expected["edges"]))
    # Double-click a neighbour on the canvas: its own neighbours are fetched and added.
    before = watched.count()
    neighbour = next(
        n["id"] for n in expected["nodes"] if n["kind"] == "Person" and n["id"] != subjects.victim
    )
    point = watched.page.evaluate(
        "id => { const v = linkwatchView.network; const p = v.canvasToDOM(v.getPosition(id));"
        " const r = document.getElementById('network').getBoundingClientRect();"
        " return [p.x + r.left, p.y + r.top]; }",
        neighbour,
    )
    watched.page.mouse.dblclick(point[0], point[1])
    deadline = time.monotonic() + 20  # the page's CSP forbids wait_for_function's eval
    while watched.page.evaluate("linkwatchView.nodes.length") <= before[0]:
        assert time.monotonic() < deadline, "double-click did not expand"
        time.sleep(0.2)
    assert watched.count()[0] > before[0]
    # Hiding a relationship type hides its ties.
    watched.page.uncheck("#type-filter input[data-type='PARTY_TO']")
    visible_types = watched.page.evaluate(
        "[...new Set(linkwatchView.edgeView.get().map(e => e.type))]"
    )
    assert "PARTY_TO" not in visible_types and visible_types
    # Search highlights.
    watched.page.fill("#search", neighbour)
    assert watched.page.inner_text("#search-result").startswith("1 found")
    watched.page.screenshot(path=str(SCREENSHOTS / "ego-view.png"))
    assert watched.errors == [] and watched.dialogs == []
    assert all(urlparse(url).netloc == urlparse(server).netloc for url in watched.requests)


@pytest.mark.slow
@pytest.mark.parametrize("view", ["precursors", "series", "case-conference"])
def test_analysis_views_open_without_errors(browser, server, users, subjects, client, view) -> None:
    if view == "precursors":
        path = f"/api/v1/views/precursors/{quote(subjects.homicide, safe=':')}"
        key = users.keys["analyst"]
    elif view == "series":
        series_id = call(
            client, users.keys["analyst"], "GET", "/api/v1/analyses/series?limit=1"
        ).json()["series"][0]["id"]
        path, key = f"/api/v1/views/series/{series_id}", users.keys["analyst"]
    else:
        path = f"/api/v1/views/case-conference/{quote(subjects.sharing, safe=':')}"
        key = users.keys["partner"]
    watched = _sign_in(browser, server, key, path)
    nodes, edges = watched.count()
    assert nodes >= 3 and edges >= 2
    body = watched.page.inner_text("body")
    assert "OFFICIAL-SENSITIVE" in body and "Legend" in body
    if view == "case-conference":
        labels = watched.page.evaluate("linkwatchView.nodes.get().map(n => n.label)")
        assert "Person A" in labels and "person:" not in watched.page.content()
    watched.page.screenshot(path=str(SCREENSHOTS / f"{view}-view.png"))
    assert watched.errors == [] and watched.dialogs == []
    assert all(urlparse(url).netloc == urlparse(server).netloc for url in watched.requests)


@pytest.mark.slow
def test_a_partner_opens_only_what_was_shared_and_its_meeting_shows_as_text(
    browser, server, users, subjects, client
) -> None:
    shared = call(
        client,
        users.keys["investigator"],
        "POST",
        "/api/v1/case-conference/sharings",
        json={
            "subject": subjects.victim,
            "meeting": XSS,
            "organisation": "council",
            "until": (date.today() + timedelta(days=7)).isoformat(),
        },
    )
    assert shared.status_code == 201, shared.text
    path = f"/api/v1/views/case-conference/{quote(shared.json()['id'], safe=':')}"
    watched = _sign_in(browser, server, users.keys["partner"], path)
    assert XSS in watched.page.inner_text("h1")
    assert watched.page.locator("img").count() == 0
    labels = watched.page.evaluate("linkwatchView.nodes.get().map(n => n.label)")
    assert any(label.startswith("Person ") for label in labels)
    assert "person:" not in watched.page.content()
    guessed = watched.page.goto(
        f"{server}/api/v1/views/case-conference/{quote(subjects.victim, safe=':')}"
    )
    assert guessed is not None and guessed.status == 404
    assert subjects.victim not in watched.page.content()
    assert watched.dialogs == [] and watched.page.evaluate("document.title") != "pwned"
    refused = audit_log(client, users.keys["admin"], f"actor={users.names['partner']}")[-1]
    assert refused["endpoint"] == "GET /api/v1/views/case-conference/{sharing_id}"
    assert refused["outcome"] == "refused: unknown"


@pytest.mark.slow
def test_a_partner_cannot_open_an_investigators_view(browser, server, users, subjects) -> None:
    page = browser.new_page()
    page.goto(f"{server}/viewer/login")
    page.fill("#key", users.keys["partner"])
    page.fill("#justification", "MARAC/2026/1")
    page.click("button[type=submit]")
    page.wait_for_selector("text=Signed in.")
    response = page.goto(f"{server}/api/v1/views/ego/{quote(subjects.victim, safe=':')}")
    assert response is not None and response.status == 403


@pytest.mark.slow
def test_a_signed_in_browser_opens_views_only_and_loses_them_when_the_key_is_revoked(
    browser, api_settings, subjects, driver, target
) -> None:
    name = f"viewer.{uuid.uuid4().hex[:8]}"
    key = create_user(
        driver,
        target.database,
        name=name,
        role=Role.ANALYST,
        organisation="police",
        created_by="pytest",
    )
    quick = api_settings.model_copy(update={"linkwatch_api_key_cache_seconds": 1.0})
    path = f"/api/v1/views/ego/{quote(subjects.victim, safe=':')}?hops=1"
    with _serving(quick) as base:
        watched = _sign_in(browser, base, key, path)
        for url in ("/api/v1/people?name=smith", "/api/v1/deaths?limit=5", "/api/v1/me"):
            response = watched.page.goto(f"{base}{url}")
            assert response is not None and response.status == 401, url
        revoke_user(driver, target.database, name, revoked_by="pytest")
        time.sleep(1.5)  # the key cache's bound
        response = watched.page.goto(f"{base}{path}")
        assert response is not None and response.status == 401


@pytest.mark.slow
def test_untrusted_text_is_shown_as_text_and_a_file_makes_no_outside_request(
    browser, tmp_path: Path
) -> None:
    view = GraphView(title=XSS, subtitle=XSS, notices=[XSS])
    view.nodes = [
        ViewNode("a", XSS, "Person", [XSS], centre=True),
        ViewNode(
            "b",
            "Plain name",
            "Incident",
            ["</script><script>document.title='x'</script>"],
            date="2025-01-02",
        ),
    ]
    view.edges = [ViewEdge("a", "b", "PARTY_TO", role="victim", label=XSS, date="2025-01-02")]
    page_file = tmp_path / "view.html"
    page_file.write_text(render_html(view), encoding="utf-8")
    page = browser.new_page()
    watched = Watched(page)
    page.goto(page_file.as_uri())
    watched.stable()
    assert page.title().startswith("<img")  # shown as text, not run
    assert page.locator("img").count() == 0
    assert XSS in page.inner_text("h1")
    page.fill("#search", "<img")
    assert page.inner_text("#search-result") == "1 found"
    page.hover("#network")
    assert watched.dialogs == [] and watched.errors == []
    assert all(url.startswith("file://") for url in watched.requests), watched.requests
    assert page.evaluate("document.title") != "pwned"


@pytest.mark.slow
def test_export_map_writes_a_pseudonymised_offline_file_and_logs_the_disclosure(
    browser, subjects, users, client, tmp_path: Path
) -> None:
    until = (date.today() + timedelta(days=7)).isoformat()
    shared = run_linkwatch(
        "share",
        "add",
        subjects.victim,
        "--meeting",
        "MARAC 2026-12-03",
        "--organisation",
        "council",
        "--until",
        until,
        "--justification",
        "MARAC/2026/117",
    )
    assert shared.code == 0, shared.stderr
    sharing = shared.stdout.strip().splitlines()[-1]
    assert sharing.startswith("sharing:")
    out = tmp_path / "marac.html"
    export = (
        "export",
        "map",
        sharing,
        "--out",
        str(out),
        "--justification",
        "MARAC/2026/117",
    )
    run = run_linkwatch(*export, "--png", str(SCREENSHOTS / "case-conference-export.png"))
    assert run.code == 0, run.stderr
    html = out.read_text(encoding="utf-8")
    assert "person:" not in html and "death:" not in html and "OFFICIAL-SENSITIVE" in html
    key_file = tmp_path / "marac.key.json"
    assert subjects.victim in key_file.read_text(encoding="utf-8")
    assert oct(key_file.stat().st_mode)[-3:] == "600"
    page = browser.new_page()
    watched = Watched(page)
    page.goto(out.as_uri())
    watched.stable()
    labels = page.evaluate("linkwatchView.nodes.get().map(n => n.label)")
    assert any(label.startswith("Person ") for label in labels)
    assert "MARAC 2026-12-03" in page.inner_text("h1")
    assert all(url.startswith("file://") for url in watched.requests)
    entries = audit_log(client, users.keys["admin"], f"person={subjects.victim}")
    entry = [e for e in entries if e["endpoint"] == "linkwatch export map"][-1]
    assert entry["action"] == "disclosure" and entry["actor"].startswith("cli:")
    assert entry["justification"] == "MARAC/2026/117"
    assert json.loads(entry["parameters"])["sharing"] == sharing
    shared_entry = [e for e in entries if e["endpoint"] == "linkwatch share add"][-1]
    assert json.loads(shared_entry["parameters"])["organisation"] == "council"
    # The key file is never overwritten, nor written through a planted symlink.
    again = run_linkwatch(*export)
    assert again.code == 1 and "already exists" in again.stderr
    planted = tmp_path / "elsewhere.txt"
    other = tmp_path / "second.html"
    (tmp_path / "second.key.json").symlink_to(planted)
    through_link = run_linkwatch(*export[:3], "--out", str(other), *export[5:])
    assert through_link.code == 1 and "already exists" in through_link.stderr
    assert not planted.exists() and not other.exists()
    # A revoked sharing no longer exports.
    revoked = run_linkwatch("share", "revoke", sharing, "--justification", "MARAC/2026/118")
    assert revoked.code == 0, revoked.stderr
    late = run_linkwatch(*export[:3], "--out", str(tmp_path / "late.html"), *export[5:])
    assert late.code == 1 and "No open sharing" in late.stderr and "Traceback" not in late.stderr
