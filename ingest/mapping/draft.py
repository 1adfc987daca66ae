"""Drafting a mapping from one extract (``linkwatch mapping init``), for a person to finish.

The header and a sample of values say what each column probably holds: an id, a date or a
date-time (and its format), a UK postcode, an address (with a postcode at its end or not),
an NHS number, coordinates, a phone number, a sex code, or a person's name (whole, or as
forename and surname). Columns sharing a prefix ("Deceased Name", "Deceased DOB") describe
one person; "Found By" and "Found By DOB" another.

The draft is always a *valid* mapping (it passes :func:`ingest.mapping.loader.parse_mapping`,
so ``linkwatch mapping check`` runs on it at once). What only a person can decide is marked
``# TODO``: on a line holding a best guess (the source system, a role, a value list made
``null_values``), or above a commented-out block (code lists, which need the model's codes).
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from graph_model.errors import InvalidInput
from graph_model.kinds import ApparentCause, SourceSystem
from ingest.mapping.loader import parse_mapping
from ingest.mapping.names import not_a_name_because

__all__ = ["DATETIME_FORMATS", "DATE_FORMATS", "ColumnGuess", "draft_mapping", "guess_columns"]

#: Date formats recognised, in order of preference (UK day-first before US month-first).
DATE_FORMATS = (
    "%d/%m/%Y",
    "%Y-%m-%d",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d/%m/%y",
    "%d %b %Y",
    "%d %B %Y",
    "%d-%b-%Y",
    "%m/%d/%Y",
)
#: Date-time formats recognised, in order of preference.
DATETIME_FORMATS = (
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%d-%m-%Y %H:%M",
    "%d.%m.%Y %H:%M",
    "%m/%d/%Y %H:%M",
)
_POSTCODE = r"[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}"
_POSTCODE_ONLY = re.compile(rf"^{_POSTCODE}$", re.IGNORECASE)
_ENDS_WITH_POSTCODE = re.compile(rf"^(.+?)[, ]+({_POSTCODE})$", re.IGNORECASE)
_NHS = re.compile(r"^\d{3} ?\d{3} ?\d{4}$")
_PHONE = re.compile(r"^(\+44 ?|0)\d[\d ]{8,12}$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_SEX = {"m": "male", "male": "male", "f": "female", "female": "female", "u": "unknown",
        "unknown": "unknown", "not known": "unknown", "x": "unknown"}  # fmt: skip
#: Header phrases that say what a column is, removed to leave its role prefix.
_KIND_PHRASES = (
    "date of birth", "first names", "first name", "given names", "given name", "family name",
    "last name", "full name", "post code", "nhs number", "nhs no", "phone number",
    "forenames", "forename", "surname", "names", "name", "dob", "birth", "born", "sex",
    "gender", "postcode", "address", "nhs", "phone", "telephone", "tel", "mobile",
)  # fmt: skip
_DEATH_ROLES = {"deceased": "deceased", "found": "found_by", "finder": "found_by",
                "reported": "reported_by", "reporter": "reported_by",
                "informant": "reported_by", "last seen": "last_seen_with",
                "suspect": "suspect", "witness": "witness"}  # fmt: skip
_INCIDENT_ROLES = {"victim": "victim", "suspect": "suspect", "offender": "offender",
                   "witness": "witness", "reported": "reporting_person",
                   "reporter": "reporting_person", "informant": "reporting_person",
                   "caller": "reporting_person"}  # fmt: skip


@dataclass
class ColumnGuess:
    """What a column seems to hold, judged from its header and sample values."""

    name: str
    kind: str
    samples: list[str] = field(repr=False, default_factory=list)
    formats: list[str] = field(default_factory=list)
    #: The header with its kind words removed ("found by" for "Found By DOB").
    prefix: str = ""
    unique: bool = False
    #: Sample values of a name column that are not names (placeholders, roles).
    not_names: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        """The header as a lower-case identifier."""
        return re.sub(r"[^a-z0-9]+", "_", self.name.casefold()).strip("_") or "column"


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.casefold()).split())


def _prefix(header: str) -> str:
    folded = f" {_fold(header)} "
    for phrase in _KIND_PHRASES:
        folded = folded.replace(f" {phrase} ", " ")
    return " ".join(folded.split())


def _parses(value: str, fmt: str) -> bool:
    try:
        datetime.strptime(value, fmt)
    except ValueError:
        return False
    return True


def _formats_for(values: list[str], candidates: tuple[str, ...]) -> list[str]:
    """One format parsing every value if there is one, else the fewest that do; or []."""
    for fmt in candidates:
        if all(_parses(value, fmt) for value in values):
            return [fmt]
    used: list[str] = []
    for value in values:
        fmt = next((f for f in candidates if _parses(value, f)), None)
        if fmt is None:
            return []
        if fmt not in used:
            used.append(fmt)
    return sorted(used, key=candidates.index)


def _nhs_valid(value: str) -> bool:
    digits = [int(d) for d in value if d.isdigit()]
    check = 11 - sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    return len(digits) == 10 and (0 if check == 11 else check) == digits[9]


def _looks_like_name(value: str) -> bool:
    words = [word for word in re.split(r"[ ,]+", value) if word]
    return (
        2 <= len(words) <= 5
        and not_a_name_because(value) is None
        and all(word[0].isupper() or word.isupper() for word in words)
    )


def _share(values: list[str], test) -> float:
    return sum(1 for value in values if test(value)) / len(values) if values else 0.0


def _guess(name: str, values: list[str], rows: int) -> ColumnGuess:
    header = _fold(name)
    words = set(header.split())
    guess = ColumnGuess(name=name, kind="text", samples=values, prefix=_prefix(name))
    guess.unique = bool(values) and len(values) == rows and len(set(values)) == len(values)
    if not values:
        guess.kind = "empty"
        return guess
    date_time = _formats_for(values, DATETIME_FORMATS + DATE_FORMATS)
    if date_time and any(fmt in DATETIME_FORMATS for fmt in date_time):
        guess.kind, guess.formats = "datetime", date_time
    elif date_time:
        guess.kind, guess.formats = "date", date_time
    elif words & {"lat", "latitude"} and _share(values, _NUMBER.match) == 1:
        guess.kind = "latitude"
    elif words & {"lon", "long", "lng", "longitude"} and _share(values, _NUMBER.match) == 1:
        guess.kind = "longitude"
    elif _share(values, lambda v: bool(_NHS.match(v)) and _nhs_valid(v)) >= 0.9:
        guess.kind = "nhs_number"
    elif _share(values, _POSTCODE_ONLY.match) >= 0.9:
        guess.kind = "postcode"
    elif {v.casefold().strip() for v in values} <= set(_SEX) and len(set(values)) <= 5:
        guess.kind = "sex"
    elif words & {"phone", "tel", "telephone", "mobile"} or _share(values, _PHONE.match) >= 0.9:
        guess.kind = "phone"
    elif words & {"forename", "forenames", "given", "first"}:
        guess.kind = "given_names"
    elif words & {"surname", "family", "last"}:
        guess.kind = "family_name"
    elif _share(values, _ENDS_WITH_POSTCODE.match) >= 0.8:
        guess.kind = "address_postcode"
    elif words & {"address", "location", "street"}:
        guess.kind = "address"
    elif _share(values, _looks_like_name) >= 0.5 or (
        "name" in words and _share(values, lambda v: not_a_name_because(v) is None) >= 0.5
    ):
        guess.kind = "full_name"
        guess.not_names = sorted({v for v in values if not_a_name_because(v)})
    elif guess.unique and (words & {"ref", "id", "no", "number", "urn"} or name.endswith("ID")):
        guess.kind = "id"
    elif _share(values, _NUMBER.match) == 1:
        guess.kind = "number"
    elif len(set(values)) <= 15 and len(set(values)) * 2 <= len(values):
        guess.kind = "code"
    if (
        guess.kind == "text"
        and guess.unique
        and _share(values, lambda v: any(map(str.isdigit, v))) == 1
    ):
        guess.kind = "id"
    return guess


def _sniff(path: Path) -> tuple[str, str, int]:
    """The encoding, delimiter and header line of a CSV file."""
    raw = path.read_bytes()[:65536]
    try:
        text, encoding = raw.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError:
        text, encoding = raw.decode("cp1252", errors="replace"), "cp1252"
    lines = text.splitlines()[:30]
    try:
        delimiter = csv.Sniffer().sniff("\n".join(lines), delimiters=",;|\t").delimiter
    except csv.Error:
        delimiter = ","
    widths = [
        sum(1 for cell in next(csv.reader([line], delimiter=delimiter)) if cell.strip())
        if line
        else 0
        for line in lines
    ]
    common = Counter(w for w in widths if w > 1).most_common(1)
    header = widths.index(common[0][0]) + 1 if common else 1
    return encoding, delimiter, header


def _read(path: Path, sample_rows: int) -> tuple[pd.DataFrame, dict[str, object]]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            try:
                sheets = pd.ExcelFile(path, engine="openpyxl")
            except Exception:  # openpyxl and zipfile raise many kinds
                raise InvalidInput(f"{path.name} is not a readable XLSX workbook.") from None
            sheet = sheets.sheet_names[0]
            frame = sheets.parse(sheet, dtype=str, nrows=sample_rows).fillna("")
            return frame, {"sheet": sheet}
        if suffix == ".json":
            return pd.read_json(path, dtype=str).fillna("").head(sample_rows), {}
        encoding, delimiter, header = _sniff(path)
        frame = pd.read_csv(
            path,
            dtype=str,
            keep_default_na=False,
            encoding=encoding,
            sep=delimiter,
            skiprows=range(header - 1),
            nrows=sample_rows,
        )
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError, OSError) as error:
        raise InvalidInput(f"{path.name} could not be read to draft a mapping: {error}") from None
    options: dict[str, object] = {}
    if encoding != "utf-8-sig":
        options["encoding"] = encoding
    if delimiter != ",":
        options["delimiter"] = delimiter
    if header != 1:
        options["header_row"] = header
    return frame, options


def guess_columns(frame: pd.DataFrame) -> list[ColumnGuess]:
    """What each column of a sample seems to hold.

    Parameters
    ----------
    frame
        Sample rows, every cell text.

    Returns
    -------
    list of ColumnGuess
        One per column, in file order.
    """
    frame.columns = [str(column).strip() for column in frame.columns]
    rows = len(frame)
    return [
        _guess(column, [str(v).strip() for v in frame[column] if str(v).strip()], rows)
        for column in frame.columns
    ]


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _date(guess: ColumnGuess, *, keep_time: bool = False) -> str:
    """The value of a date column; ``keep_time``: as a date-time (its rows' times kept)."""
    formats = guess.formats[0] if len(guess.formats) == 1 else guess.formats
    option = "datetime_format" if keep_time else "date_format"
    return f"{{column: {_q(guess.name)}, {option}: {json.dumps(formats)}}}"


#: The date and the date-time property of each event kind a draft can make.
_EVENT_DATES = {"Death": ("date_found", "found_at"), "Incident": ("occurred_on", "occurred_at")}


@dataclass
class _Person:
    role: str
    columns: list[ColumnGuess] = field(default_factory=list)

    def of(self, *kinds: str) -> ColumnGuess | None:
        return next((c for c in self.columns if c.kind in kinds), None)


def _role_of(prefix: str, roles: dict[str, str]) -> str | None:
    return next((role for word, role in roles.items() if word in prefix), None)


def draft_mapping(path: Path, *, sample_rows: int = 1000) -> str:
    """Draft mapping YAML for one extract.

    Parameters
    ----------
    path
        A CSV (any delimiter, UTF-8 or Windows-1252, title lines above the header allowed),
        XLSX (first sheet) or JSON file.
    sample_rows
        How many rows are read to recognise values.

    Returns
    -------
    str
        The YAML, with ``# TODO`` comments; it is a valid mapping as it stands.

    Raises
    ------
    InvalidInput
        If the file cannot be read, or nothing in it could be mapped (no names, places or
        dates recognised).
    """
    frame, options = _read(path, sample_rows)
    guesses = guess_columns(frame)
    source = re.sub(r"[^a-z0-9]+", "_", path.stem.casefold()).strip("_") or "extract"
    if not source[0].isalpha():
        source = f"file_{source}"
    header_text = " ".join(g.name for g in guesses).casefold() + " " + path.stem.casefold()
    is_death = "death" in header_text or "deceased" in header_text
    is_incident = not is_death and bool(
        re.search(r"incident|occurrence|crime|offence", header_text)
    )
    record_id = next((g for g in guesses if g.kind == "id"), None) or next(
        (g for g in guesses if g.unique), None
    )
    todo: list[str] = []
    if record_id is None:
        record_id = guesses[0]
        todo.append(f"{record_id.name} is not unique in the sample: record_id needs a column "
                    "(or a template over columns) that is")  # fmt: skip

    # People: name columns and the columns sharing their prefix.
    people: dict[str, _Person] = {}
    person_kinds = {"given_names", "family_name", "full_name"}
    for guess in guesses:
        if guess.kind in person_kinds:
            people.setdefault(guess.prefix, _Person(guess.prefix or "person")).columns.append(guess)
    unprefixed_sex = []
    first = next(iter(people.values()), None)
    lone = first if len(people) == 1 and not (is_death or is_incident) else None
    for guess in guesses:
        folded = _fold(guess.name)
        is_birth = "birth" in folded or "dob" in folded.split()
        if guess.kind in person_kinds or (guess.kind == "date" and not is_birth):
            continue
        owner = people.get(guess.prefix) if guess.prefix else None
        if owner is None and not guess.prefix:
            # No role in the header: personal details go to the first person; a postcode or
            # address too when the file describes one person and no event.
            if guess.kind in ("nhs_number", "phone", "sex") or (guess.kind == "date" and is_birth):
                owner = first
            elif guess.kind in ("postcode", "address"):
                owner = lone
            if owner is not None and guess.kind == "sex" and len(people) > 1:
                unprefixed_sex.append((guess, owner))
        if owner is not None and guess.kind in {
            "date", "sex", "nhs_number", "phone", "postcode", "address"
        }:  # fmt: skip
            owner.columns.append(guess)
    claimed = {c.name for person in people.values() for c in person.columns}
    claimed.add(record_id.name)

    # The place of the row.
    place_postcode = next(
        (g for g in guesses if g.kind == "postcode" and g.name not in claimed), None
    )
    place_address = next(
        (g for g in guesses if g.kind in ("address", "address_postcode") and g.name not in claimed),
        None,
    )
    latitude = next((g for g in guesses if g.kind == "latitude"), None)
    longitude = next((g for g in guesses if g.kind == "longitude"), None)
    extract_lines: list[str] = []
    place_key = ""
    place_props: list[str] = []
    if place_address is not None and place_address.kind == "address_postcode":
        street, postcode = f"{place_address.slug}_address", f"{place_address.slug}_postcode"
        extract_lines = [
            f"    # {place_address.name} holds an address with the postcode at its end: these",
            "    # named groups make the columns used below (in templates too).",
            "    extract:",
            f"      - column: {_q(place_address.name)}",
            f"        pattern: {_q(rf'^(?P<{street}>.+?)[, ]+(?P<{postcode}>{_POSTCODE})$')}",
        ]
        place_key = f"place:{{{postcode}}}|{{{street}}}"
        place_props = [f"address: {street}", f"postcode: {postcode}"]
        claimed.add(place_address.name)
    elif place_postcode is not None or place_address is not None:
        parts = [g for g in (place_postcode, place_address) if g is not None]
        place_key = "place:" + "|".join(f"{{{g.name}}}" for g in parts)
        if place_address is not None:
            place_props.append(f"address: {_q(place_address.name)}")
        if place_postcode is not None:
            place_props.append(f"postcode: {_q(place_postcode.name)}")
        claimed.update(g.name for g in parts)
    if place_key and latitude is not None and longitude is not None:
        place_props.append(
            f"location: {{latitude: {_q(latitude.name)}, longitude: {_q(longitude.name)}}}"
        )
        claimed.update((latitude.name, longitude.name))
    place_when = (
        place_address.name
        if place_address is not None
        else (place_postcode.name if place_postcode is not None else "")
    )

    # The event each row records.
    event_dates = [g for g in guesses if g.kind in ("date", "datetime") and g.name not in claimed]
    preferred = ("found", "died", "death") if is_death else ("occur", "commit", "logged", "date")
    event_date = next(
        (g for g in event_dates if any(word in _fold(g.name) for word in preferred)),
        event_dates[0] if event_dates else None,
    )
    event_kind = "Death" if is_death else ("Incident" if is_incident else None)
    if event_kind is None and event_date is not None and not people and not place_key:
        event_kind = "Incident"
        todo.append("could not tell what each row records: Incident is a guess")
    if event_kind is not None and event_date is None:
        todo.append(f"no date column found for the {event_kind}; it is left out")
        event_kind = None
    if event_date is not None and event_kind is not None:
        claimed.add(event_date.name)
    if not people and not place_key and event_kind is None:
        raise InvalidInput(
            f"{path.name}: no people's names, places or dates were recognised in its columns "
            f"({', '.join(g.name for g in guesses)}), so there is nothing to draft from.",
            hint="Write the mapping by hand; see ingest/mappings/*.yaml for examples.",
        )

    record_key = f"{{{record_id.name}}}"
    system = SourceSystem.DEATH_REPORTS if is_death else SourceSystem.POLICE_RECORDS
    if re.search(r"\bnhs\b|hospital|patient|attendance", header_text):
        system = SourceSystem.NHS
    elif re.search(r"council|local authority|social care", header_text):
        system = SourceSystem.LOCAL_AUTHORITY
    systems = [s.value for s in SourceSystem if s is not SourceSystem.LINKWATCH]
    event_key = f"{event_kind.casefold()}:{record_key}" if event_kind else ""
    out = [
        f"# Drafted by `linkwatch mapping init` from {path.name} ({len(frame)} rows read).",
        "# It is a valid mapping as it stands; lines marked TODO need a person's decision.",
        f"# Try it: linkwatch mapping check THIS_FILE {path.name}",
        f"name: {source}  # TODO: a name for this layout",
        f"description: {_q(f'Drafted from {path.name}')}  # TODO: say what the extract is",
        f"source_system: {system.value}  # TODO: one of {', '.join(systems)}, or your own:",
        "# source_systems:  # declare a system that is not built in, with who holds it",
        '#   probation: {organisation: "Probation Service, Riverside PDU", sector: probation}',
        "files:",
        f"  - name: {source}",
        f"    path: {_q(path.name)}  # TODO: a pattern (such as {source}_*.csv) for monthly files",
        "    # priority: 1  # optional: 1 is the source whose names and birth dates people show",
    ]
    out += [f"    {key}: {json.dumps(value)}" for key, value in options.items()]
    out.append(
        f"    record_id: {_q(record_id.name)}"
        + ("" if record_id.unique else "  # TODO: not unique")
    )
    out += extract_lines

    nodes: list[str] = []
    if event_kind and event_date is not None:
        date_property, time_property = _EVENT_DATES[event_kind]
        timed = event_date.kind == "datetime"
        nodes += [
            f"      - kind: {event_kind}  # TODO: check each row is one {event_kind.casefold()}",
            f"        key: {{template: {_q(event_key)}}}",
            "        properties:",
        ]
        if timed:
            nodes.append(
                f"          # {event_date.name} has a time of day: kept, and {date_property} is "
                "its date (rows with only a date have no time)"
            )
        nodes.append(
            f"          {time_property if timed else date_property}: "
            f"{_date(event_date, keep_time=timed)}"
        )
    if place_key:
        nodes += [
            "      - kind: Place",
            f"        when: {{present: [{_q(place_when)}]}}",
            f"        key: {{template: {_q(place_key)}, normalise: true}}",
            "        properties:",
            *[f"          {prop}" for prop in place_props],
            "          place_type: {value: other}  # TODO: residential, park, street, ...",
        ]
    if nodes:
        out += ["    nodes:", *nodes]

    records: list[str] = []
    ties: list[str] = []
    roles = _DEATH_ROLES if event_kind == "Death" else _INCIDENT_ROLES
    for person in people.values():
        role_slug = re.sub(r"[^a-z0-9]+", "_", person.role).strip("_") or "person"
        key = f"{source}:{record_key}:{role_slug}"
        full = person.of("full_name")
        given, family = person.of("given_names"), person.of("family_name")
        required = full or given or family
        assert required is not None
        lines = [
            f"      - key: {{template: {_q(key)}}}",
            f"        when: {{present: [{_q(required.name)}]}}",
            "        fields:",
        ]
        if full is not None:
            nulls = ""
            if full.not_names:
                nulls = f", null_values: {json.dumps(full.not_names[:12], ensure_ascii=False)}"
                lines.append(
                    f"          # TODO: these values of {full.name} are not names; as null_values "
                    "the person is left out and the row loads. Check the list (a regex "
                    "{regex: ...} catches more)."
                )
            for part, name in (("given", "given_names"), ("family", "family_name")):
                lines.append(
                    f"          {name}: {{column: {_q(full.name)}, split_name: {{layout: auto, "
                    f"part: {part}}}{nulls}}}"
                )
        if given is not None:
            lines.append(f"          given_names: {_q(given.name)}")
        if family is not None:
            lines.append(f"          family_name: {_q(family.name)}")
        for column in person.columns:
            if column.kind in ("date", "datetime"):
                lines.append(f"          date_of_birth: {_date(column)}")
            elif column.kind == "sex":
                codes = {v: _SEX[v.casefold().strip()] for v in sorted(set(column.samples))}
                if any(c is column for c, _ in unprefixed_sex):
                    lines.append(
                        f"          # TODO: {column.name} names no role: it was given to this "
                        "person; move it if it describes another"
                    )
                lines.append(
                    f"          sex: {{column: {_q(column.name)}, codes: "
                    f"{json.dumps(codes)}, unknown_codes: default, default: unknown}}"
                )
            elif column.kind in ("nhs_number", "phone", "postcode", "address"):
                lines.append(f"          {column.kind}: {_q(column.name)}")
        records += lines
        if event_kind:
            role = _role_of(person.role, roles)
            tie_kind = "PartyToDeath" if event_kind == "Death" else "PartyToIncident"
            if role is None and event_kind == "Incident":
                role = "party"
            tie = [
                f"      - kind: {tie_kind}",
                f"        when: {{present: [{_q(required.name)}]}}",
                f"        source: {{person_record: {{template: {_q(key)}}}}}",
                f"        target: {{node: {{template: {_q(event_key)}}}}}",
            ]
            if role is None:
                ties.append(
                    f"      # TODO: the role of {person.role!r} in the death (deceased, found_by, "
                    "reported_by, last_seen_with, suspect, witness), then uncomment:"
                )
                ties += [f"      # {line.strip()}" for line in tie]
                ties.append("      #   properties: {role: {value: witness}}")
            else:
                ties += [*tie, f"        properties: {{role: {{value: {role}}}}}  # TODO: check"]
    if records:
        out += ["    person_records:", *records]
    if event_kind and place_key:
        ties += [
            f"      - kind: {'DeathFoundAt' if event_kind == 'Death' else 'IncidentOccurredAt'}",
            f"        when: {{present: [{_q(place_when)}]}}",
            f"        source: {{node: {{template: {_q(event_key)}}}}}",
            f"        target: {{node: {{template: {_q(place_key)}, normalise: true}}}}",
        ]
    if any(not line.lstrip().startswith("#") for line in ties):
        out += ["    relationships:", *ties]
    elif ties:
        out += ["    # relationships:", *ties]

    unmapped = [g for g in guesses if g.name not in claimed and g.kind != "empty"]
    if unmapped:
        out.append("    # TODO: columns not mapped yet (what they seem to hold):")
        for guess in unmapped:
            values = sorted(set(guess.samples))
            shown = ""
            if guess.kind == "code":
                shown = ": " + "; ".join(values[:12])
            out.append(f"    #   {guess.name}: {guess.kind.replace('_', ' ')}{shown}")
        causes = [g for g in unmapped if g.kind == "code" and "cause" in _fold(g.name)]
        if causes and event_kind == "Death":
            cause = causes[0]
            out.append(
                "    # For instance, under the Death's properties (see graph_model/kinds.py):"
            )
            out.append(f"    #   apparent_cause: {{column: {_q(cause.name)}, codes: {{...}}}}")
            out.append(
                f"    #   where each code is one of {', '.join(c.value for c in ApparentCause)}"
            )
    for line in todo:
        out.append(f"# TODO: {line}")
    text = "\n".join(out) + "\n"
    parse_mapping(text, origin=f"the draft for {path.name}")  # a draft is always valid
    return text
