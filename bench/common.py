"""Helpers shared by benchmark scripts: machine facts and writing results as JSON."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
REPOSITORY = RESULTS.parent.parent


def machine() -> dict[str, object]:
    """Facts about the machine a figure was measured on."""
    memory_kib = 0
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        memory_kib = int(meminfo.read_text().split("\n")[0].split()[1])
    return {
        "cpus": os.cpu_count(),
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def write_result(name: str, figures: dict[str, object]) -> Path:
    """Write ``figures`` with machine facts and a timestamp to ``bench/results/NAME.json``."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    document = {
        "benchmark": name,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "figures": figures,
    }
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return path


def head_commit() -> str:
    """The commit this checkout is at, with ``+changes`` if its working tree differs."""
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPOSITORY, capture_output=True, text=True
    )
    changes = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
    )
    return head.stdout.strip() + ("+changes" if changes.stdout.strip() else "")


def archive_revision(revision: str, into: Path, stands: list[str]) -> str:
    """Extract ``git archive REVISION`` into ``into``, with today's ``stands`` beside it.

    A stand (``bench/<name>.py``) is the script a benchmark runs inside each tree it
    compares; copying today's into the older tree lets one script measure both.

    Returns
    -------
    str
        The full commit hash.

    Raises
    ------
    SystemExit
        If ``revision`` is not a commit of this repository.
    """
    commit = subprocess.run(
        ["git", "rev-parse", "--verify", f"{revision}^{{commit}}"],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
    )
    if commit.returncode != 0:
        raise SystemExit(f"--baseline {revision!r} is not a commit of this repository")
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit.stdout.strip()],
        cwd=REPOSITORY,
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    for stand in stands:
        shutil.copy2(RESULTS.parent / stand, into / "bench" / stand)
    return commit.stdout.strip()


def trees_to_compare(
    baseline: str | None, scratch: Path, stands: list[str], figures: dict[str, object]
) -> list[tuple[str, Path]]:
    """Today's tree, and with ``baseline`` that revision's, extracted into ``scratch``.

    Records ``baseline_commit`` (when there is one) in ``figures``; see
    :func:`archive_revision` for ``stands``.
    """
    trees = [("head", REPOSITORY)]
    if baseline:
        folder = scratch / "baseline"
        folder.mkdir()
        figures["baseline_commit"] = archive_revision(baseline, folder, stands)
        trees.append(("baseline", folder))
    return trees
