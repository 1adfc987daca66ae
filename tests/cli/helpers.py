"""Run the real ``linkwatch`` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

#: The justification tests give commands that show personal data (``--justification``).
JUSTIFICATION = "TEST/CLI/0001"
WHY = ("--justification", JUSTIFICATION)


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float


def run_linkwatch(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
    python: list[str] | None = None,
) -> Run:
    """Run ``linkwatch ARGS`` (``python`` replaces ``python -m linkwatch``, to wrap it)."""
    environment = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", **(env or {})}
    started = time.monotonic()
    completed = subprocess.run(
        [*(python or [sys.executable, "-m", "linkwatch"]), *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )
    return Run(completed.returncode, completed.stdout, completed.stderr, time.monotonic() - started)
