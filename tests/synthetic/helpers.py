"""The tests' independent view of a generated data set: the extracts read back with the truth.

Death records are rebuilt from the files (not from the generator's objects), with the true
person behind each record taken from the ground truth, as a perfect record linkage would.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from queries.series.features import Home, PriorIncident
from queries.series.records import DeathRecord
from synthetic.codes import CAUSE_TEXT, DEATH_ROLE_TEXT, PLACE_CODES
from tests.ingest.synthetic_helpers import read

PHONE = re.compile(r"(07\d{3} ?\d{6})")
CAUSE_OF = {text: cause for cause, text in CAUSE_TEXT.items()}
ROLE_OF = {text: role for role, text in DEATH_ROLE_TEXT.items()}
PLACE_OF = {code: place for place, code in PLACE_CODES.items()}


@dataclass
class Generated:
    """A generated folder read back: reports by ``dr_ref``, named people, police records."""

    folder: Path
    truth: dict
    reports: pd.DataFrame
    people: dict[str, list[tuple[str, str, pd.Series]]]  # dr_ref -> [(person, role, row)]
    occurrences: pd.DataFrame
    suspects: dict[str, set[str]]  # OccurrenceRef -> true ids of suspects / offenders
    involved: dict[str, set[str]]  # OccurrenceRef -> true ids of everyone named
    objects: pd.DataFrame

    @classmethod
    def read(cls, folder: Path) -> Generated:
        truth = json.loads((folder / "ground_truth.json").read_text())
        identities = truth["identities"]
        people: dict[str, list] = defaultdict(list)
        for _, row in read(folder, "death_report_people.csv").iterrows():
            person = identities["death_report_people"][row.person_ref]
            people[row.dr_ref].append((person, ROLE_OF[row.role], row))
        suspects: dict[str, set[str]] = defaultdict(set)
        involved: dict[str, set[str]] = defaultdict(set)
        involvements = read(folder, "police_involvements.csv")
        for ref, nominal, kind in involvements.itertuples(index=False):
            involved[ref].add(identities["police_nominals"][nominal])
            if kind in ("SUSPECT", "OFFENDER"):
                suspects[ref].add(identities["police_nominals"][nominal])
        return cls(
            folder,
            truth,
            read(folder, "death_reports.csv").set_index("dr_ref"),
            people,
            read(folder, "police_occurrences.csv").set_index("OccurrenceRef"),
            suspects,
            involved,
            read(folder, "police_objects.csv"),
        )

    def series_deaths(self) -> set[str]:
        return {ref for series in self.truth["series"] for ref in series["deaths"]}

    def death_records(self) -> list[DeathRecord]:
        """Every death as the series analysis sees it, with true person ids."""
        deceased = self.truth["identities"]["death_reports"]
        recovered: dict[str, set[str]] = defaultdict(set)
        for ref, phone in zip(self.objects.OccurrenceRef, self.objects.Identifier, strict=True):
            recovered[phone].add(ref)
        records = []
        for ref, row in self.reports.iterrows():
            phones = PHONE.findall(row.property_missing)
            records.append(
                DeathRecord(
                    id=str(ref),
                    date_found=date.fromisoformat(row.date_found),
                    cause=CAUSE_OF[row.apparent_cause],
                    substances=tuple(
                        sorted(s.strip().lower() for s in row.substances.split(";") if s.strip())
                    ),
                    place=f"{row.location_address}|{row.location_postcode}",
                    place_type=PLACE_OF[row.place_category],
                    latitude=float(row.latitude),
                    longitude=float(row.longitude),
                    deceased=deceased[str(ref)],
                    sex=row.deceased_sex[:1],
                    date_of_birth=date.fromisoformat(row.deceased_dob)
                    if row.deceased_dob
                    else None,
                    roles=tuple(sorted((p, r) for p, r, _ in self.people.get(str(ref), []))),
                    objects=tuple(phones),
                    recovered_in=tuple(sorted({i for p in phones for i in recovered.get(p, ())})),
                )
            )
        return records

    def suspect_history(self) -> dict[str, list[PriorIncident]]:
        """True person id -> the police occurrences naming them as suspect or offender."""
        history: dict[str, list[PriorIncident]] = defaultdict(list)
        for ref, people in self.suspects.items():
            when = pd.to_datetime(self.occurrences.loc[ref, "CommittedFrom"], dayfirst=True).date()
            for person in people:
                history[person].append(PriorIncident(ref, when))
        return dict(history)

    def homes(self) -> dict[str, list[Home]]:
        """True person id -> their homes in the residents register, with coordinates."""
        register = self.truth["identities"]["people_register"]
        places = read(self.folder, "places.csv").set_index("uprn")
        homes: dict[str, list[Home]] = defaultdict(list)
        rows = read(self.folder, "people_register.csv")
        for ref, uprn, since, until in zip(
            rows.register_id, rows.uprn, rows.resident_from, rows.resident_to, strict=True
        ):
            place = places.loc[uprn]
            homes[register[ref]].append(
                Home(
                    str(uprn),
                    float(place.latitude),
                    float(place.longitude),
                    date.fromisoformat(since) if since else None,
                    date.fromisoformat(until) if until else None,
                )
            )
        return dict(homes)

    def associations(self) -> list[tuple[str, str]]:
        nominal = self.truth["identities"]["police_nominals"]
        ties = read(self.folder, "police_associations.csv")
        return [
            (nominal[a], nominal[b])
            for a, b in zip(ties.NominalRef1, ties.NominalRef2, strict=True)
        ]
