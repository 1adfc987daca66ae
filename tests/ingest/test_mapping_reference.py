"""The reference of the mapping language (docs/mapping-reference.md) is generated from the
model and cannot drift: regenerating it gives the committed file, it holds every declaration,
and `linkwatch mapping reference` writes it (or says clearly why it cannot)."""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path

import pytest

from graph_model.registry import NODE_KINDS, RELATIONSHIP_KINDS
from graph_model.source_systems import BUILT_IN_SYSTEMS
from ingest.mapping import reference
from ingest.mapping.loader import BUILT_IN
from ingest.mapping.markdown import slug
from ingest.mapping.reference import (
    DOCUMENT,
    LANGUAGE_MODELS,
    REFRESH,
    code_lists,
    render_reference,
)
from ingest.mapping.spec import MADE_BY_LINKWATCH, PERSON_RECORD_FIELDS
from tests.cli.helpers import run_linkwatch

ROOT = Path(__file__).resolve().parents[2]
NO_DATABASE = {"NEO4J_URI": "bolt://127.0.0.1:9", "LINKWATCH_NEO4J_BOLT_PORT": "9"}


@pytest.fixture(scope="module")
def text() -> str:
    return render_reference()


def _sections(text: str) -> dict[str, str]:
    """Heading (level 2 or 3) -> the text under it, up to the next heading."""
    parts = re.split(r"^#{2,3} (.+)$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_committed_reference_is_what_the_model_says(text: str) -> None:
    committed = (ROOT / DOCUMENT).read_text(encoding="utf-8")
    assert committed == text, (
        f"{DOCUMENT} is out of date with the model declarations. From the repository root, "
        f"run: {REFRESH}"
    )
    assert render_reference() == text  # the same every time


def test_every_field_of_the_mapping_language_is_described() -> None:
    undescribed = [
        f"{model.__name__}.{name}"
        for model in LANGUAGE_MODELS
        for name, field in model.model_fields.items()
        if not (field.description or "").strip()
    ]
    assert not undescribed, f"give these fields a Field(description=...): {undescribed}"


def test_every_field_of_the_mapping_language_has_its_row(text: str) -> None:
    sections = _sections(text)
    for model in LANGUAGE_MODELS:
        rows = re.findall(r"^\| `(\w+)` \|", sections[model.__name__], flags=re.MULTILINE)
        assert rows == list(model.model_fields), model.__name__
    valuespec = sections["ValueSpec"]
    assert "| `unknown_codes` | one of `error`, `default`, `keep` | `error` |" in valuespec
    assert "| `delimiter` | text | `,` | exactly 1 character |" in sections["FileMapping"]


def test_every_node_kind_lists_what_a_mapping_can_set(text: str) -> None:
    sections = _sections(text)
    for label, model in NODE_KINDS.items():
        section = sections[label.value]
        if label in MADE_BY_LINKWATCH:
            assert f"Not made by a mapping: {label.value} nodes are made " in section
            assert "| Property |" not in section
            continue
        rows = re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)
        assert "id" not in rows and "source_system" not in rows
        assert set(rows) <= set(model.model_fields), label
    death = sections["Death"]
    assert "| `date_found` | date | **required** | checked: plausible date |" in death
    assert "[ApparentCause](#apparentcause) code | `unknown` | one of `drug_toxicity`" in death
    place = sections["Place"]
    assert "| `postcode` | text, or none | none | checked: uk postcode |" in place
    assert "latitude at least -90 and at most 90" in place


def test_every_relationship_kind_has_its_ends_and_properties(text: str) -> None:
    sections = _sections(text)
    summary = sections["Relationship kinds"]
    for model in RELATIONSHIP_KINDS:
        spec = model.spec
        assert f"| [{model.__name__}](#{slug(model.__name__)}) | `{spec.type.value}` |" in summary
        ends = f"`({spec.source.value})-[:{spec.type.value}]->({spec.target.value})`"
        assert ends in sections[model.__name__]
    party = sections["PartyToDeath"]
    assert "one relationship per pair of ends and `role`" in party
    assert "person_record allowed at the source." in party
    assert "one of `deceased`, `found_by`, `reported_by`" in party


def test_every_code_list_has_every_value_and_its_users(text: str) -> None:
    sections = _sections(text)
    for enum in code_lists():
        listed = re.findall(r"^- `([^`]+)`", sections[enum.__name__], flags=re.MULTILINE)
        assert listed == [member.value for member in enum], enum.__name__
    assert issubclass(code_lists()[0], Enum) and len(code_lists()) == 25
    role = sections["IncidentRole"]
    assert "- `party`: party to the crime, role not recorded (POLE's PARTY_TO)" in role
    assert "Used by `PartyToIncident.role`." in role
    assert "`Place.place_type`" in sections["PlaceType"]


def test_person_record_fields_systems_and_built_in_mappings_are_listed(text: str) -> None:
    sections = _sections(text)
    fields = re.findall(r"^\| `(\w+)` \|", sections["Person-record fields"], flags=re.MULTILINE)
    assert fields == list(PERSON_RECORD_FIELDS)
    assert "a person record needs given_names or family_name" in sections["Person-record fields"]
    assert "| `address` | no | not kept on the Person |" in sections["Person-record fields"]
    systems = sections["Source systems"]
    for name, (organisation, sector) in BUILT_IN_SYSTEMS.items():
        assert f"| `{name}` | {organisation} | `{sector.value}` |" in systems
    mappings = sections["Built-in mappings"]
    assert all(f"| `{name}` |" in mappings for name in BUILT_IN)


def test_every_link_leads_to_a_section(text: str) -> None:
    headings = {slug(heading) for heading in re.findall(r"^#+ (.+)$", text, flags=re.MULTILINE)}
    links = set(re.findall(r"\]\(#([^)]+)\)", text))
    assert links and not links - headings, sorted(links - headings)
    contents = _sections(text)["Contents"]
    assert len(re.findall(r"^\s*- \[", contents, flags=re.MULTILINE)) == len(headings) - 2


def test_two_sections_with_one_anchor_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    class Death(Enum):  # a code list named like a node kind
        FOUND = "found"

    monkeypatch.setattr(reference, "code_lists", lambda: [Death])
    with pytest.raises(ValueError, match=r"two sections with the anchors \['death'\]"):
        render_reference()


def test_the_command_writes_the_reference(tmp_path: Path, text: str) -> None:
    out = tmp_path / "reference.md"
    out.write_text("an older reference\n", encoding="utf-8")
    run = run_linkwatch("mapping", "reference", "--out", str(out), env=NO_DATABASE)
    assert run.code == 0, run.stderr
    assert out.read_text(encoding="utf-8") == text
    assert f"Wrote the mapping reference to {out}" in run.stdout
    printed = run_linkwatch("mapping", "reference", env=NO_DATABASE)
    assert printed.code == 0 and printed.stdout == text


def test_the_command_refuses_a_bad_out_path_clearly(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "reference.md"
    run = run_linkwatch("mapping", "reference", "--out", str(missing), env=NO_DATABASE)
    assert run.code == 1 and "Traceback" not in run.stderr + run.stdout
    assert f"the folder {missing.parent} does not exist" in run.stderr
    assert not missing.parent.exists()
    folder = run_linkwatch("mapping", "reference", "--out", str(tmp_path), env=NO_DATABASE)
    assert folder.code == 1 and "Traceback" not in folder.stderr
    assert f"--out {tmp_path} is a folder" in folder.stderr
