"""From linked person records to graph records.

Resolved people, the source records kept behind them, and the evidence that joins them.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime

import pandas as pd

from graph_model.kinds import Sex, SourceSystem
from graph_model.nodes import Person, SourceRecord, is_valid_nhs_number
from graph_model.relationships import Describes
from ingest.linkage import LinkageResult, PairScore
from ingest.linkage.standardise import OPTIONAL_RECORD_COLUMNS, RECORD_COLUMNS
from ingest.rows import PersonRecord

__all__ = [
    "LINKAGE_FIELDS",
    "build_person",
    "describes_link",
    "linkage_json",
    "person_id",
    "records_frame",
    "resolved_people",
    "source_record_node",
    "stored_record",
    "strongest_links",
]


def person_id(cluster_id: str) -> str:
    """An opaque Person id for a new cluster (a digest of its records: no record id inside).

    Minted once, when the person first appears; it never changes while the person exists
    (``ingest.identity`` keeps it through later deliveries, merges and splits).

    Examples
    --------
    >>> person_id("nhs_extract:RWP0001")
    'person:ca8be638d437ab41'
    """
    digest = hashlib.blake2b(f"linkwatch person {cluster_id}".encode(), digest_size=8)
    return f"person:{digest.hexdigest()}"


#: Person-record fields that record linkage and the resolved person read.
LINKAGE_FIELDS = (
    "given_names",
    "family_name",
    "aliases",
    "date_of_birth",
    "sex",
    "postcode",
    "nhs_number",
    "phone",
)


def linkage_json(record: PersonRecord) -> str:
    """The record's linkage fields as canonical JSON (stored on its SourceRecord)."""
    fields = {name: record.fields.get(name) for name in LINKAGE_FIELDS}
    fields["source"] = record.source
    return json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False)


def stored_record(properties: dict[str, object]) -> PersonRecord:
    """A PersonRecord rebuilt from a stored SourceRecord's properties (``linkage_json``)."""
    fields = json.loads(str(properties["linkage_json"]))
    source = str(fields.pop("source", properties.get("source_type") or ""))
    dob = fields.get("date_of_birth")
    if isinstance(dob, str):
        fields["date_of_birth"] = date.fromisoformat(dob[:10])
    return PersonRecord(
        key=str(properties["id"]),
        source=source,
        fields=fields,
        source_file=str(properties.get("source_file") or ""),
        row_number=int(properties.get("row_number") or 1),
        source_system=str(properties["source_system"]),
        source_record_id=str(properties["source_record_id"]),
        priority=_priority(properties.get("source_priority")),
    )


def _priority(value: object) -> int | None:
    return int(value) if isinstance(value, int | float | str) and str(value).isdigit() else None


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return "; ".join(str(item) for item in value) or None
    text = str(value).strip()
    return text or None


def records_frame(records: Sequence[PersonRecord]) -> pd.DataFrame:
    """The linkage input: one row per person record, in the columns ``link_records`` reads."""
    rows = []
    for record in records:
        fields = record.fields
        dob = fields.get("date_of_birth")
        rows.append(
            {
                "record_id": record.key,
                "source": record.source,
                "given_names": _text(fields.get("given_names")),
                "family_name": _text(fields.get("family_name")),
                "aliases": _text(fields.get("aliases")),
                "date_of_birth": dob.isoformat() if isinstance(dob, date) else None,
                "sex": _text(fields.get("sex")) or "unknown",
                "postcode": _text(fields.get("postcode")),
                "nhs_number": _text(fields.get("nhs_number")),
                "phone": _text(fields.get("phone")),
                "source_row": f"{record.source}|{record.source_record_id}",
            }
        )
    return pd.DataFrame(rows, columns=[*RECORD_COLUMNS, *OPTIONAL_RECORD_COLUMNS])


def _rank(record: PersonRecord) -> tuple[int, int, str]:
    """Sort key: records of sources with a priority first, lowest number first.

    Each mapping declares its sources' priorities (``priority:`` on a file), so a register
    can outrank a free-text witness statement.
    """
    if record.priority is None:
        return 1, 0, record.key
    return 0, record.priority, record.key


def _most_common(values: Iterable[object]) -> object | None:
    present = [v for v in values if v not in (None, "", [])]
    if not present:
        return None
    counts = Counter(present)
    best = max(counts.values())
    return next(v for v in present if counts[v] == best)  # first in priority order wins ties


def _best_spelling(values: Iterable[object]) -> str | None:
    """The name most records agree on, ignoring case.

    Shown as a source wrote it in mixed case when any did (police systems often write
    surnames in capitals).
    """
    names = [str(v) for v in values if v not in (None, "")]
    if not names:
        return None
    winner = str(_most_common(name.casefold() for name in names))
    spellings = [name for name in names if name.casefold() == winner]
    mixed = [name for name in spellings if not name.isupper()]
    return mixed[0] if mixed else spellings[0].title()


def build_person(
    identifier: str, members: Sequence[PersonRecord], *, provenance: dict[str, object]
) -> Person:
    """One resolved person from its records.

    Each field takes the value most records agree on (ties go to the more reliable source);
    other spellings of the forename become aliases; an NHS number is kept only if its check
    digit is valid.
    """
    members = sorted(members, key=_rank)
    given = _best_spelling(r.fields.get("given_names") for r in members)
    family = _best_spelling(r.fields.get("family_name") for r in members)
    aliases = sorted(
        {str(r.fields.get("given_names")) for r in members if r.fields.get("given_names")} - {given}
        | {str(a) for r in members for a in (r.fields.get("aliases") or []) if a} - {given}
    )
    nhs = _most_common(
        n
        for r in members
        if (n := str(r.fields.get("nhs_number") or "").replace(" ", "")) and is_valid_nhs_number(n)
    )
    sex = _most_common(
        r.fields.get("sex") for r in members if r.fields.get("sex") not in (None, "unknown")
    )
    return Person(
        id=identifier,
        given_names=given,
        family_name=family,
        aliases=aliases,
        date_of_birth=_most_common(r.fields.get("date_of_birth") for r in members),
        sex=Sex(sex) if sex else Sex.UNKNOWN,
        nhs_number=nhs,
        source_system=SourceSystem.LINKWATCH,
        source_record_id=identifier,
        source_type="resolved person",
        **provenance,
    )


def source_record_node(
    record: PersonRecord,
    *,
    standard: dict[str, object] | None = None,
    provenance: dict[str, object],
) -> SourceRecord:
    """The SourceRecord kept behind a person, with what later deliveries are compared on.

    ``standard`` is the record's standardised row plus its blocking-key properties
    (``ingest.identity.population.blocking_properties``).
    """
    fields = record.fields
    name = " ".join(
        str(part) for part in (fields.get("given_names"), fields.get("family_name")) if part
    )
    standard = standard or {}
    return SourceRecord(
        id=record.key,
        source_file=record.source_file,
        row_number=record.row_number,
        recorded_name=name or None,
        recorded_date_of_birth=fields.get("date_of_birth"),
        recorded_postcode=_text(fields.get("postcode")),
        recorded_nhs_number=_text(fields.get("nhs_number")),
        linkage_json=linkage_json(record),
        source_system=record.source_system,
        source_record_id=record.source_record_id,
        source_type=record.source,
        source_priority=record.priority,
        **{key: value for key, value in standard.items() if value is not None},
        **provenance,
    )


def describes_link(
    record_key: str, person: str, pair: PairScore | None, *, provenance: dict[str, object]
) -> Describes:
    """The DESCRIBES link of a record to its person, with the strongest link's evidence."""
    return Describes(
        source_id=record_key,
        target_id=person,
        match_probability=round(pair.probability, 6) if pair else None,
        evidence_json=json.dumps(pair.evidence, sort_keys=True, default=str) if pair else None,
        source_system=SourceSystem.LINKWATCH,
        source_record_id=record_key,
        **provenance,
    )


def strongest_links(pairs: Iterable[PairScore]) -> dict[str, PairScore]:
    """Record -> the most probable of its links."""
    strongest: dict[str, PairScore] = {}
    for pair in pairs:
        for key in (pair.record_a, pair.record_b):
            if key not in strongest or pair.probability > strongest[key].probability:
                strongest[key] = pair
    return strongest


def resolved_people(
    records: Sequence[PersonRecord], result: LinkageResult, *, load_run_id: str, loaded_at: datetime
) -> tuple[list[Person], list[SourceRecord], list[Describes]]:
    """Build one Person per cluster of a one-shot linkage, its SourceRecords and DESCRIBES.

    Used where a whole population is linked at once (benchmarks); a load links a delivery
    against the stored population instead (``ingest.identity``).
    """
    provenance = {"load_run_id": load_run_id, "loaded_at": loaded_at}
    by_cluster: dict[str, list[PersonRecord]] = {}
    for record in sorted(records, key=_rank):
        by_cluster.setdefault(result.clusters[record.key], []).append(record)
    strongest = strongest_links(result.links)
    people, source_records, links = [], [], []
    for cluster, members in sorted(by_cluster.items()):
        identifier = person_id(cluster)
        people.append(build_person(identifier, members, provenance=provenance))
        for record in members:
            source_records.append(source_record_node(record, provenance=provenance))
            links.append(
                describes_link(
                    record.key, identifier, strongest.get(record.key), provenance=provenance
                )
            )
    return people, source_records, links
