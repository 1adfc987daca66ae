"""The YAML in docs/mapping-examples.md is real: each excerpt is a verbatim run of lines of the
shipped mapping it names (which the loader accepts), and each complete mapping parses with the
loader. Links into the reference lead to its sections."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph_model.errors import InvalidInput
from ingest.mapping.loader import load_mapping, parse_mapping
from ingest.mapping.markdown import slug

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "mapping-examples.md"
REFERENCE = ROOT / "docs" / "mapping-reference.md"
#: A YAML block and the comment just above it: ``<!-- mapping -->`` or ``<!-- excerpt: PATH -->``.
BLOCK = re.compile(r"(?:<!-- (mapping|excerpt: (\S+)) -->\n)?```yaml\n(.*?)```", re.DOTALL)


def _blocks(text: str) -> list[tuple[str | None, str | None, str]]:
    """(kind, excerpted file, YAML) for every YAML block, kind None if it is unmarked."""
    return [
        (kind.split(":")[0] if kind else None, path, body)
        for kind, path, body in BLOCK.findall(text)
    ]


def _is_excerpt(snippet: str, source: str) -> bool:
    """Whether ``snippet`` is a run of whole, consecutive lines of ``source``, unchanged."""
    wanted, lines = snippet.rstrip("\n").splitlines(), source.splitlines()
    return any(lines[i : i + len(wanted)] == wanted for i in range(len(lines) - len(wanted) + 1))


@pytest.fixture(scope="module")
def blocks() -> list[tuple[str | None, str | None, str]]:
    found = _blocks(EXAMPLES.read_text(encoding="utf-8"))
    assert len(found) >= 10
    return found


def test_every_yaml_block_says_what_it_is(blocks: list) -> None:
    unmarked = [body.splitlines()[0] for kind, _, body in blocks if kind is None]
    assert not unmarked, f"mark these blocks <!-- mapping --> or <!-- excerpt: PATH -->: {unmarked}"


def test_each_excerpt_is_copied_from_a_mapping_the_loader_accepts(blocks: list) -> None:
    excerpted = {path for kind, path, _ in blocks if kind == "excerpt"}
    assert excerpted == {
        "ingest/mappings/generator.yaml",
        "ingest/mappings/pole.yaml",
        "tests/data/ambulance/ambulance.yaml",
    }
    for path in sorted(excerpted):
        load_mapping(str(ROOT / path))  # raises, naming the line, if it is not a valid mapping
    for kind, path, body in blocks:
        if kind == "excerpt":
            source = (ROOT / path).read_text(encoding="utf-8")
            assert _is_excerpt(body, source), f"not lines of {path}:\n{body}"


def test_a_changed_excerpt_is_noticed() -> None:
    source = "files:\n  - name: a\n    path: a.csv\n  - name: b\n"
    assert _is_excerpt("  - name: a\n    path: a.csv\n", source)
    assert not _is_excerpt("  - name: a\n    path: b.csv\n", source)  # a line changed
    assert not _is_excerpt("  - name: a\n  - name: b\n", source)  # a line left out
    assert not _is_excerpt("- name: a\n", source)  # indentation changed


def test_each_complete_mapping_parses_with_the_loader(blocks: list) -> None:
    complete = [body for kind, _, body in blocks if kind == "mapping"]
    assert complete
    for index, body in enumerate(complete):
        mapping = parse_mapping(body, origin=f"{EXAMPLES.name} mapping {index}")
        assert mapping.files


def test_a_broken_complete_mapping_would_be_refused(blocks: list) -> None:
    body = next(body for kind, _, body in blocks if kind == "mapping")
    broken = body.replace("contact_type: {value: safeguarding_referral}", "contact_typ: {value: x}")
    with pytest.raises(InvalidInput, match=r"line \d+ .*PartnerContact has no properties"):
        parse_mapping(broken, origin="broken")


def test_links_into_the_reference_lead_to_its_sections() -> None:
    text = EXAMPLES.read_text(encoding="utf-8")
    anchors = set(re.findall(r"\(mapping-reference\.md#([^)]+)\)", text))
    headings = {
        slug(heading)
        for heading in re.findall(r"^#+ (.+)$", REFERENCE.read_text(encoding="utf-8"), re.M)
    }
    assert anchors and not anchors - headings, sorted(anchors - headings)
