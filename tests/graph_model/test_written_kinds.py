"""Every label and relationship type a .cypher file writes is declared (kinds.py's claim).

The statements are read as text: each ``CREATE`` or ``MERGE`` clause's pattern (up to the
next clause) gives the labels of its nodes and the types of its relationships, and each
``SET`` clause the labels it adds. Comments, schema statements (``CREATE CONSTRAINT``) and
``ON CREATE SET`` are not writes of a pattern; dynamic labels and types (``$(...)``) name
none. The scanner is tested on statements of its own first, so the real check cannot pass
by finding nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from graph_model.kinds import NodeLabel, RelType

ROOT = Path(__file__).resolve().parents[2]

_COMMENT = re.compile(r"//[^\n]*")
_CLAUSE = re.compile(
    r"\b(ON\s+CREATE\s+SET|ON\s+MATCH\s+SET|CREATE|MERGE|SET|MATCH|OPTIONAL\s+MATCH|WITH|"
    r"RETURN|UNWIND|CALL|WHERE|DELETE|DETACH\s+DELETE|REMOVE|FOREACH|UNION|ORDER\s+BY|LIMIT|"
    r"YIELD|SHOW)\b"
)
_SCHEMA = re.compile(r"^\s*(CONSTRAINT|INDEX|FULLTEXT|POINT|RANGE|TEXT|VECTOR|LOOKUP)\b")
_NODE_LABELS = re.compile(r"\(\s*\w*\s*((?::\s*\w+\s*)+)")
_REL_TYPE = re.compile(r"\[\s*\w*\s*:\s*(\w+)")
_SET_LABELS = re.compile(r"(?:^|,)\s*\w+((?:\s*:\s*[A-Z]\w*)+)\s*(?=,|$)")


def written_kinds(statement: str) -> tuple[set[str], set[str]]:
    """The node labels and relationship types one statement writes."""
    text = _COMMENT.sub("", statement)
    clauses = list(_CLAUSE.finditer(text))
    labels: set[str] = set()
    types: set[str] = set()
    for clause, following in zip(clauses, [*clauses[1:], None], strict=True):
        keyword = " ".join(clause.group(1).split())
        body = text[clause.end() : following.start() if following else len(text)]
        if keyword in ("CREATE", "MERGE") and not _SCHEMA.match(body):
            for group in _NODE_LABELS.findall(body):
                labels.update(re.findall(r"\w+", group))
            types.update(_REL_TYPE.findall(body))
        elif keyword in ("SET", "ON CREATE SET", "ON MATCH SET"):
            for group in _SET_LABELS.findall(body.strip()):
                labels.update(re.findall(r"\w+", group))
    return labels, types


def _cypher_files() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*.cypher")
        if not any(part.startswith(".") for part in path.relative_to(ROOT).parts)
    )


def test_the_scanner_finds_what_a_statement_writes() -> None:
    statement = """
    // CREATE (:InAComment)
    MATCH (h:Matched {id: 'x'})
    MERGE (a:Made {id: $id})
    ON CREATE SET a.status = 'open', a:Extra
    CREATE (a)-[:TIED {since: date()}]->(b:Other:Second)
    CREATE (a)-[copy:$(type(r))]->(b)
    SET b:Added, b.name = $name
    RETURN a
    """
    assert written_kinds(statement) == ({"Made", "Extra", "Other", "Second", "Added"}, {"TIED"})
    schema = "CREATE CONSTRAINT x IF NOT EXISTS\nFOR (n:Constrained) REQUIRE n.id IS UNIQUE"
    assert written_kinds(schema) == (set(), set())


def test_every_label_and_type_a_cypher_file_writes_is_declared() -> None:
    files = _cypher_files()
    assert len(files) > 100, "the .cypher files were not found"
    labels: dict[str, set[str]] = {}
    types: dict[str, set[str]] = {}
    for path in files:
        written = written_kinds(path.read_text(encoding="utf-8"))
        for label in written[0]:
            labels.setdefault(label, set()).add(str(path.relative_to(ROOT)))
        for rel_type in written[1]:
            types.setdefault(rel_type, set()).add(str(path.relative_to(ROOT)))
    undeclared_labels = {k: v for k, v in labels.items() if k not in set(NodeLabel)}
    undeclared_types = {k: v for k, v in types.items() if k not in set(RelType)}
    assert undeclared_labels == {}
    assert undeclared_types == {}
    # The service's own records are among what is written, so the scan reaches them.
    assert {"RapidReview", "LearningAction", "ApiUser", "AuditEntry", "AuditHead"} <= set(labels)
    assert {"REVIEWS", "HAS_ACTION"} <= set(types)
