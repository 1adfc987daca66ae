"""The served API's access log names routes, never the names searched for or ids looked up
(#15 item 7): uvicorn's own access log, which writes whole paths and queries, is off."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import neo4j
import pytest

SEARCHED = "Zebedee-Quartermaine"
LOOKED_UP = "person:nhs_extract:RWP0099887766"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def _serve_and_get(paths: list[str]) -> tuple[list[int], str]:
    """Start ``linkwatch serve``, GET each path, stop it; the statuses and all it wrote."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "linkwatch", "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if _get(f"{base}/health") == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail("linkwatch serve did not answer")
            time.sleep(0.3)
        statuses = [_get(base + path) for path in paths]
    finally:
        server.terminate()
        try:
            output, _ = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
    return statuses, output


def test_the_access_log_names_routes_never_search_terms_or_ids(driver: neo4j.Driver) -> None:
    statuses, output = _serve_and_get(
        [
            f"/api/v1/people?name={SEARCHED}",  # no key: refused, and still logged
            f"/api/v1/people/{LOOKED_UP}",
            f"/api/v1/no-such-route/{SEARCHED}",
        ]
    )
    assert statuses == [401, 401, 404]
    assert SEARCHED not in output and "RWP0099887766" not in output, output
    assert "GET /api/v1/people 401" in output
    assert "GET /api/v1/people/{person_id:path} 401" in output
    assert "GET (no route) 404" in output
    assert "GET /health 200" in output
