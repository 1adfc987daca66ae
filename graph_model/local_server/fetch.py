"""Fetching Neo4j Community's jars from Maven Central, once, into the user's cache."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from graph_model.errors import ConfigurationError, ServiceUnavailable
from graph_model.local_server.layout import ServerLayout

__all__ = ["DEPENDENCY_PLUGIN", "ensure_jars", "jars_present"]

#: Maven 3.8's default dependency plugin (2.8) is too old for copy-dependencies' options.
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1"
_COMPLETE_MARKER = ".complete"


def jars_present(layout: ServerLayout) -> bool:
    """Return whether a complete jar closure for ``layout.version`` is cached."""
    return (layout.jar_dir / _COMPLETE_MARKER).is_file() and (
        layout.lib_dir / f"neo4j-{layout.version}.jar"
    ).is_file()


def ensure_jars(layout: ServerLayout, *, report: Callable[[str], None] = print) -> bool:
    """Make sure the server's jars are cached, fetching them with Maven if not.

    The jars are resolved into a temporary folder and moved into place only when complete,
    so an interrupted fetch never leaves a half-filled cache.

    Parameters
    ----------
    layout
        The server layout (gives the version and the cache folder).
    report
        Called with a line of progress for the person waiting.

    Returns
    -------
    bool
        True if jars were fetched now, False if they were already cached.

    Raises
    ------
    ConfigurationError
        If Maven is not installed.
    ServiceUnavailable
        If Maven could not fetch the artifacts (network, unknown version).
    """
    if jars_present(layout):
        return False
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ConfigurationError(
            f"Neo4j {layout.version} is not cached in {layout.jar_dir} and Maven (mvn) is not "
            "installed to fetch it from Maven Central.",
            hint="Install Maven (e.g. `apt-get install maven`); only the first start needs it.",
        )
    report(f"Fetching Neo4j {layout.version} Community from Maven Central (first start only)...")
    layout.jar_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=layout.jar_dir.parent, prefix=".fetch-") as scratch:
        scratch_path = Path(scratch)
        pom = scratch_path / "pom.xml"
        pom.write_bytes(
            resources.files("graph_model.local_server")
            .joinpath("neo4j-runtime.pom.xml")
            .read_bytes()
        )
        staged = scratch_path / "staged"
        command = [
            mvn,
            "-B",
            "-q",
            "-f",
            str(pom),
            f"-Dneo4j.version={layout.version}",
            f"{DEPENDENCY_PLUGIN}:copy-dependencies",
            f"-DoutputDirectory={staged / 'lib'}",
            "-DincludeScope=runtime",
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0 or not (staged / "lib" / f"neo4j-{layout.version}.jar").is_file():
            tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
            raise ServiceUnavailable(
                f"Maven could not fetch org.neo4j:neo4j:{layout.version} "
                f"from Maven Central:\n{tail}",
                hint="Check the network reaches Maven Central and the version exists.",
            )
        (staged / _COMPLETE_MARKER).write_text(layout.version, encoding="utf-8")
        if layout.jar_dir.exists():
            shutil.rmtree(layout.jar_dir)
        staged.rename(layout.jar_dir)
    count = len(list(layout.lib_dir.glob("*.jar")))
    report(f"Cached {count} jars in {layout.jar_dir}.")
    return True
