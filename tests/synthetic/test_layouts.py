"""Extract layouts: each rewrites every standard column, spells every code its mapping reads,
and is recognised by its mapping; a bad layout is refused naming what is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph_model.errors import InvalidInput
from ingest.mapping.loader import detect_mapping, load_mapping
from ingest.mapping.spec import FileMapping, ValueSpec
from synthetic.layouts import STANDARD, ExtractWriter, LayoutError, load_layouts
from synthetic.layouts.spec import SCHEMAS, Layout, layout_files, load_layout
from synthetic.schema import EXTRACTS
from tests.cli.helpers import run_linkwatch

LAYOUTS = sorted(load_layouts())


def _specs(file: FileMapping) -> list[ValueSpec]:
    """Every value spec of a file mapping."""
    specs = [file.record_id]
    for node in file.nodes:
        specs += [node.key, *node.properties.values()]
    for record in file.person_records:
        specs += [record.key, *record.fields.values()]
    for relationship in file.relationships:
        specs += [relationship.source.spec, relationship.target.spec]
        specs += relationship.properties.values()
    return specs


def test_the_library_holds_the_standard_layout_and_at_least_two_others() -> None:
    assert STANDARD in LAYOUTS and len(LAYOUTS) >= 3
    assert [path.stem for path in layout_files()] == sorted(set(LAYOUTS) - {STANDARD})


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_standard_column_is_written_in_every_layout(name: str) -> None:
    layout = load_layouts()[name]
    for extract in EXTRACTS:
        written = layout.file_for(extract.file)
        used = {column for spec in written.columns.values() for column in spec.source}
        assert set(extract.columns) <= used, (name, extract.file, set(extract.columns) - used)
        assert used <= set(extract.columns), (name, extract.file)


@pytest.mark.parametrize("name", sorted(set(LAYOUTS) - {STANDARD}))
def test_a_layout_differs_from_the_standard_in_every_file(name: str) -> None:
    layout = load_layouts()[name]
    for extract in EXTRACTS:
        written = layout.file_for(extract.file)
        assert written.file != extract.file
        assert list(written.columns) != list(extract.columns)


@pytest.mark.parametrize("name", LAYOUTS)
def test_its_mapping_reads_exactly_its_files_and_detects_them(name: str, tmp_path: Path) -> None:
    layout = load_layouts()[name]
    mapping = load_mapping(layout.mapping)
    written = {standard: layout.file_for(standard) for standard in SCHEMAS}
    assert {f.path for f in mapping.files} == {w.file for w in written.values()}
    by_path = {f.path: f for f in mapping.files}
    for w in written.values():
        file = by_path[w.file]
        assert file.sheet == w.sheet
        if w.format == "csv" and w.encoding not in ("utf-8", "utf-8-sig"):
            assert file.encoding == w.encoding, w.file
        assert not set(file.required_columns()) - set(w.columns), w.file
    for w in written.values():
        (tmp_path / w.file).write_bytes(b"")
    assert detect_mapping(tmp_path).name == layout.mapping


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_code_a_layout_writes_is_one_its_mapping_reads(name: str) -> None:
    layout = load_layouts()[name]
    mapping = load_mapping(layout.mapping)
    checked = 0
    for extract in EXTRACTS:
        written = layout.file_for(extract.file)
        file = next(f for f in mapping.files if f.path == written.file)
        for column, spec in written.columns.items():
            coded = [extract.codes[c] for c in spec.source if c in extract.codes]
            if not coded:
                continue
            values = [spec.codes[v] if spec.codes else v for v in coded[0]]
            for reader in _specs(file):
                if reader.column == column and reader.codes is not None:
                    unknown = set(values) - set(map(str, reader.codes))
                    assert not unknown, (name, written.file, column, unknown)
                    checked += 1
    assert checked >= 15


def _layout(**files: object) -> dict:
    return {"name": "broken", "description": "x", "mapping": "generator", "files": files}


def _nhs_columns() -> dict[str, object]:
    return {column: column for column in SCHEMAS["nhs_extract.csv"].columns}


def test_a_layout_that_drops_a_column_is_refused() -> None:
    columns = _nhs_columns()
    del columns["nhs_number"]
    with pytest.raises(ValueError, match=r"standard columns \['nhs_number'\] are not written"):
        Layout.model_validate(_layout(**{"nhs_extract.csv": {"file": "a.csv", "columns": columns}}))


def test_a_layout_that_misses_a_code_or_a_date_format_is_refused() -> None:
    columns = _nhs_columns() | {"gender": {"from": "gender", "codes": {"1": "Male"}}}
    with pytest.raises(ValueError, match=r"no code for \['2'\]"):
        Layout.model_validate(_layout(**{"nhs_extract.csv": {"file": "a.csv", "columns": columns}}))
    columns = _nhs_columns() | {"postcode": {"from": "postcode", "date": "%Y"}}
    with pytest.raises(ValueError, match="no date format in the schema"):
        Layout.model_validate(_layout(**{"nhs_extract.csv": {"file": "a.csv", "columns": columns}}))
    columns = _nhs_columns() | {"gender": {"from": "gender", "codes": {"1": "X", "2": "X"}}}
    with pytest.raises(ValueError, match="one-to-one"):
        Layout.model_validate(_layout(**{"nhs_extract.csv": {"file": "a.csv", "columns": columns}}))


def test_a_bad_layout_file_is_refused_naming_file_and_field(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(json.dumps(_layout(**{"nope.csv": {"file": "a.csv", "columns": {"a": "a"}}})))
    with pytest.raises(LayoutError, match=r"broken\.yaml: field files: .*unknown standard files"):
        load_layout(path)
    assert issubclass(LayoutError, InvalidInput)


def test_a_folder_holding_two_layouts_is_not_guessed(tmp_path: Path) -> None:
    for name in (STANDARD, "niche"):
        for standard in SCHEMAS:
            (tmp_path / load_layouts()[name].file_for(standard).file).write_bytes(b"")
    with pytest.raises(InvalidInput, match="fit several built-in mappings"):
        detect_mapping(tmp_path)


def test_the_cli_lists_layouts_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    listed = run_linkwatch("generate", "--list-layouts", cwd=tmp_path)
    assert listed.code == 0, listed.stderr
    assert all(name in listed.stdout for name in LAYOUTS)
    assert all(load_layouts()[name].mapping in listed.stdout for name in LAYOUTS)
    refused = run_linkwatch(
        "generate", "--out", str(tmp_path / "out"), "--layout", "nope", cwd=tmp_path
    )
    assert refused.code == 1 and "Traceback" not in refused.stderr
    assert "Unknown layout 'nope'" in refused.stderr and "--list-layouts" in refused.stderr
    assert not (tmp_path / "out").exists()


def _row(ref: str, nhs: str, dob: str, gender: str) -> list[str]:
    arrived = "2024-03-05T16:37:00"
    return [
        ref,
        nhs,
        "Smith",
        "Ann",
        dob,
        gender,
        "WR1 1AA",
        arrived,
        "ED",
        "OVERDOSE",
        "Admitted",
        "N",
    ]


def test_the_writer_renames_reformats_recodes_and_reorders(tmp_path: Path) -> None:
    columns = _nhs_columns() | {
        "nhs_number": {"from": "nhs_number", "replace": {"pattern": r"^(\d{3})", "with": r"\1 "}},
        "date_of_birth": {"from": "date_of_birth", "date": "%d/%m/%Y"},
        "gender": {"from": "gender", "codes": {"1": "Male", "2": "Female"}},
    }
    columns = {("Arrived" if k == "arrival_datetime" else k): v for k, v in columns.items()}
    columns["Arrived"] = {"from": "arrival_datetime", "date": "%d/%m/%Y %H:%M"}
    layout = Layout.model_validate(
        _layout(
            **{
                "nhs_extract.csv": {
                    "file": "ed.csv",
                    "encoding": "cp1252",
                    "quoting": "all",
                    "order": {"by": ["attendance_id"], "descending": True},
                    "columns": dict(reversed(columns.items())),
                }
            }
        )
    )
    writer = ExtractWriter(layout, tmp_path)
    writer.write(
        "nhs_extract.csv",
        [_row("A1", "4196445942", "19831021", "1"), _row("A2", "", "", "2")],
    )
    lines = (tmp_path / "ed.csv").read_text(encoding="cp1252").splitlines()
    assert lines[0].startswith('"safeguarding_flag","discharge_destination"')
    assert lines[1].startswith('"N","Admitted","OVERDOSE","ED","05/03/2024 16:37","WR1 1AA"')
    assert '"Female","","Ann","Smith","","A2"' in lines[1]
    assert lines[2].endswith('"Male","21/10/1983","Ann","Smith","419 6445942","A1"')
    with pytest.raises(LayoutError, match=r"no code for '9'"):
        writer.write("nhs_extract.csv", [_row("A3", "", "", "9")])
