"""Finding a Java runtime that Neo4j 5.26 supports (17 or 21)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from graph_model.errors import ConfigurationError

__all__ = ["JavaRuntime", "find_java", "parse_java_major"]

SUPPORTED_MAJORS = (17, 21)
_INSTALL_HINT = (
    "Install Java 17 or 21 (e.g. `apt-get install openjdk-17-jre-headless`) "
    "or set JAVA_HOME to one."
)


@dataclass(frozen=True)
class JavaRuntime:
    """A usable ``java`` executable and its major version."""

    executable: Path
    major: int


def parse_java_major(version_output: str) -> int | None:
    """Return the major version from ``java -version`` output.

    Examples
    --------
    >>> parse_java_major('openjdk version "17.0.15" 2025-04-15')
    17
    >>> parse_java_major('java version "1.8.0_402"')
    8
    >>> parse_java_major("no version here") is None
    True
    """
    match = re.search(r'version "(\d+)(?:\.(\d+))?', version_output)
    if not match:
        return None
    major = int(match.group(1))
    if major == 1 and match.group(2):
        return int(match.group(2))
    return major


def find_java() -> JavaRuntime:
    """Find ``java`` (``JAVA_HOME`` first, then ``PATH``) and check its version.

    Returns
    -------
    JavaRuntime
        The executable and its major version.

    Raises
    ------
    ConfigurationError
        If no Java is found, or its version is not one Neo4j 5.26 runs on.
    """
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home) / "bin" / "java" if java_home else None
    if candidate is None or not candidate.is_file():
        found = shutil.which("java")
        candidate = Path(found) if found else None
    if candidate is None:
        raise ConfigurationError(
            "Java was not found; Neo4j 5.26 needs Java 17 or 21.", hint=_INSTALL_HINT
        )
    result = subprocess.run(
        [str(candidate), "-version"], capture_output=True, text=True, timeout=30, check=False
    )
    major = parse_java_major(result.stderr + result.stdout)
    if major not in SUPPORTED_MAJORS:
        raise ConfigurationError(
            f"{candidate} is Java {major or 'of unknown version'}; Neo4j 5.26 needs Java 17 or 21.",
            hint=_INSTALL_HINT,
        )
    return JavaRuntime(executable=candidate, major=major)
