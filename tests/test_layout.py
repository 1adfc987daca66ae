"""The layering holds: no runtime package imports the synthetic world or the benchmarks."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUNTIME = ("graph_model", "governance", "ingest", "queries", "api", "visualisation")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", RUNTIME)
def test_runtime_code_cannot_know_how_the_data_was_made(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & {"synthetic", "bench", "tests"})
        for path in (ROOT / package).rglob("*.py")
    }
    assert not {path: names for path, names in offenders.items() if names}


def test_governance_imports_only_the_graph_model() -> None:
    """The audit log, users, roles and keys serve the API and the CLI and know neither."""
    ours = {"linkwatch", "api", "ingest", "queries", "visualisation", "synthetic", "bench", "tests"}
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & ours)
        for path in (ROOT / "governance").rglob("*.py")
    }
    assert not {path: names for path, names in offenders.items() if names}


def test_the_checker_sees_an_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from synthetic.config import Scale\nimport bench.common\n")
    assert _imports(module) == {"synthetic", "bench"}
