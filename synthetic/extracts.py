"""Writing the truth out as each source system would export it.

Five sources, each with its own columns, date formats, codes and identity noise, and no
shared person identifier:

- police records system: ``police_occurrences.csv``, ``police_nominals.csv``,
  ``police_involvements.csv``, ``police_associations.csv``, ``police_objects.csv``
  (UTF-8 with BOM, CRLF, ``DD/MM/YYYY`` dates, force offence codes);
- death reports: ``death_reports.csv`` and ``death_report_people.csv`` (ISO dates);
- NHS: ``nhs_extract.csv`` (``YYYYMMDD`` dates of birth, NHS Data Dictionary gender codes,
  NHS number present only sometimes);
- local authority: ``local_authority.xlsx``, sheet ``Referrals`` (``dd-Mon-yyyy`` dates of
  birth as text, referral dates as Excel dates, "SURNAME, Forename" names);
- people and addresses: ``people_register.csv`` (residents by UPRN) and ``places.csv``
  (the address gazetteer, with coordinates, place types and local policing areas).

These are the ``standard`` layout. Each writer builds its rows in the standard columns and
hands them to a :class:`~synthetic.layouts.ExtractWriter`, which writes them as the chosen
layout says (``synthetic/layouts/*.yaml``: other file names, columns, formats and codes);
every random draw happens before that, so the records are the same in every layout.
"""

from __future__ import annotations

import random
from datetime import date, datetime
from pathlib import Path

from synthetic.codes import (
    ASSOCIATION_CODES,
    CAUSE_TEXT,
    CLASSIFICATION_TEXT,
    CORONER_TEXT,
    DEATH_ROLE_TEXT,
    LA_SERVICE,
    NHS_GENDER,
    OFFENCE_CODES,
    PLACE_CODES,
    POLICE_ROLE_CODES,
    RISK_CODES,
)
from synthetic.config import GeneratorConfig
from synthetic.layouts import STANDARD, ExtractWriter, Layout, load_layouts
from synthetic.noise import RecordedIdentity, render_identity
from synthetic.world import Person, World

__all__ = ["SourceTruth", "write_all_extracts"]

#: source name -> ({record id: true person id}, {record id: noise kinds applied})
SourceTruth = dict[str, tuple[dict[str, str], dict[str, list[str]]]]


def _uk(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


class _Recorder:
    """Renders people for one source and remembers the truth behind each record."""

    def __init__(self, config: GeneratorConfig, source: str, rng: random.Random) -> None:
        self.rates = config.noise[source]
        self.rng = rng
        self.identities: dict[str, str] = {}
        self.noise: dict[str, list[str]] = {}

    def record(self, record_id: str, person: Person, on: date) -> RecordedIdentity:
        identity = render_identity(self.rng, person, self.rates, on)
        self.identities[record_id] = person.id
        if identity.applied:
            self.noise[record_id] = identity.applied
        return identity


def _police(
    world: World, config: GeneratorConfig, rng: random.Random, out: ExtractWriter
) -> SourceTruth:
    recorder = _Recorder(config, "police_nominals", rng)
    primary: dict[str, str] = {}
    nominal_rows: list[list[object]] = []

    def nominal_for(person: Person, on: date) -> str:
        if person.id in primary and rng.random() >= config.police_duplicate_nominal:
            return primary[person.id]
        ref = f"NOM{len(nominal_rows) + 1:07d}"
        primary.setdefault(person.id, ref)
        who = recorder.record(ref, person, on)
        known_as = ""
        if "nickname" not in who.applied and rng.random() < 0.05:
            known_as = who.given[:3] + "z"
        phone = person.phone if person.phone and rng.random() < 0.7 else ""
        nominal_rows.append(
            [
                ref,
                who.family.upper(),
                who.given,
                known_as,
                _uk(who.dob),
                who.sex,
                who.home.address,
                who.home.postcode,
                phone,
            ]
        )
        return ref

    occurrence_rows, involvement_rows, object_rows = [], [], []
    for incident in sorted(world.incidents, key=lambda i: i.ref):
        code, description = OFFENCE_CODES[incident.offence]
        place = incident.place
        location = (
            "Residential address"
            if place.place_type == "residential"
            else (place.name or place.street)
        )
        occurrence_rows.append(
            [
                incident.ref,
                code,
                description,
                incident.at.strftime("%d/%m/%Y %H:%M"),
                f"{location}, {place.street}, {place.town}"
                if place.place_type != "residential"
                else place.address,
                place.postcode,
                f"{place.latitude:.6f}",
                f"{place.longitude:.6f}",
                "Y" if incident.domestic else "N",
                ";".join(RISK_CODES[m] for m in incident.markers),
                incident.summary,
                incident.outcome,
            ]
        )
        for person_id, role in incident.people:
            code_role = (
                "OFFENDER"
                if role == "suspect" and incident.outcome == "Charged"
                else POLICE_ROLE_CODES[role]
            )
            involvement_rows.append(
                [incident.ref, nominal_for(world.person(person_id), incident.at.date()), code_role]
            )
        for number, phone in enumerate(incident.seized_phones, start=1):
            object_rows.append(
                [f"{incident.ref}/OBJ{number}", incident.ref, "MOBILE PHONE", phone, "Seized"]
            )
    association_rows = []
    for association in world.associations:
        a, b = world.person(association.a), world.person(association.b)
        association_rows.append(
            [
                nominal_for(a, association.since),
                nominal_for(b, association.since),
                ASSOCIATION_CODES[association.kind],
                _uk(association.since),
                _uk(association.until),
                rng.choice(("B2", "C3", "B3", "A1")),
            ]
        )
    out.write("police_occurrences.csv", occurrence_rows)
    out.write("police_nominals.csv", nominal_rows)
    out.write("police_involvements.csv", involvement_rows)
    out.write("police_associations.csv", association_rows)
    out.write("police_objects.csv", object_rows)
    return {"police_nominals": (recorder.identities, recorder.noise)}


def _deaths(
    world: World, config: GeneratorConfig, rng: random.Random, out: ExtractWriter
) -> SourceTruth:
    deceased = _Recorder(config, "death_reports", rng)
    others = _Recorder(config, "death_report_people", rng)
    report_rows, people_rows = [], []
    for death in sorted(world.deaths, key=lambda d: d.ref):
        person = world.person(death.deceased)
        who = deceased.record(death.ref, person, death.found_at.date())
        if death.dob_missing:
            deceased.noise.setdefault(death.ref, []).append("dob_not_recorded")
        place = death.place
        report_rows.append(
            [
                death.ref,
                _iso(death.found_at.date()),
                death.found_at.strftime("%H:%M"),
                place.name
                or ("Residential address" if place.place_type == "residential" else place.street),
                place.address,
                place.postcode,
                f"{place.latitude:.6f}",
                f"{place.longitude:.6f}",
                PLACE_CODES[place.place_type],
                CAUSE_TEXT[death.cause],
                "; ".join(death.substances),
                death.circumstances,
                death.property_missing or "",
                who.family,
                who.given,
                "" if death.dob_missing else _iso(who.dob),
                {"M": "Male", "F": "Female"}[who.sex],
                who.home.address,
                who.home.postcode,
                CLASSIFICATION_TEXT[death.classification],
                CORONER_TEXT[death.coroner_outcome],
                death.status.title(),
            ]
        )
        for person_id, role in death.others:
            ref = f"DRP-{len(people_rows) + 1:06d}"
            who = others.record(ref, world.person(person_id), death.found_at.date())
            phone = world.person(person_id).phone or ""
            written = phone if rng.random() < 0.5 else ""
            placeholder = death.placeholders.get(person_id)
            if placeholder:  # e.g. an anonymous 999 caller: no name, date of birth or address
                others.noise.setdefault(ref, []).append("placeholder_name")
                people_rows.append(
                    [death.ref, ref, DEATH_ROLE_TEXT[role], placeholder, "", "", "", ""]
                )
                continue
            people_rows.append(
                [
                    death.ref,
                    ref,
                    DEATH_ROLE_TEXT[role],
                    f"{who.given} {who.family}",
                    _iso(who.dob),
                    who.home.address,
                    who.home.postcode,
                    written,
                ]
            )
    out.write("death_reports.csv", report_rows)
    out.write("death_report_people.csv", people_rows)
    return {
        "death_reports": (deceased.identities, deceased.noise),
        "death_report_people": (others.identities, others.noise),
    }


def _nhs(
    world: World, config: GeneratorConfig, rng: random.Random, out: ExtractWriter
) -> SourceTruth:
    recorder = _Recorder(config, "nhs_extract", rng)
    rows = []
    for contact in sorted((c for c in world.contacts if c.agency == "nhs"), key=lambda c: c.ref):
        person = world.person(contact.person)
        who = recorder.record(contact.ref, person, contact.at.date())
        nhs_number = person.nhs_number if rng.random() < config.nhs_number_present else ""
        rows.append(
            [
                contact.ref,
                nhs_number,
                who.family,
                who.given,
                who.dob.strftime("%Y%m%d") if who.dob else "",
                NHS_GENDER[who.sex],
                who.home.postcode,
                contact.at.isoformat(timespec="seconds"),
                "MH" if contact.kind == "mental_health_contact" else "ED",
                contact.reason,
                contact.outcome,
                "Y" if contact.safeguarding else "N",
            ]
        )
    out.write("nhs_extract.csv", rows)
    return {"nhs_extract": (recorder.identities, recorder.noise)}


def _local_authority(
    world: World, config: GeneratorConfig, rng: random.Random, out: ExtractWriter
) -> SourceTruth:
    recorder = _Recorder(config, "local_authority", rng)
    rows = []
    for contact in sorted(
        (c for c in world.contacts if c.agency == "local_authority"), key=lambda c: c.ref
    ):
        who = recorder.record(contact.ref, world.person(contact.person), contact.at.date())
        rows.append(
            [
                contact.ref,
                f"{who.family.upper()}, {who.given}",
                who.dob.strftime("%d-%b-%Y") if who.dob else "",
                who.home.address,
                who.home.postcode,
                datetime(contact.at.year, contact.at.month, contact.at.day),
                LA_SERVICE[contact.kind],
                contact.reason,
                contact.outcome,
            ]
        )
    out.write(
        "local_authority.xlsx",
        rows,
        about=[
            ["Extract", "Synthetic local-authority referrals for Linkwatch testing"],
            ["Period to", world.end.isoformat()],
        ],
        stamped=datetime(world.end.year, world.end.month, world.end.day),
    )
    return {"local_authority": (recorder.identities, recorder.noise)}


def _register(
    world: World, config: GeneratorConfig, rng: random.Random, out: ExtractWriter
) -> SourceTruth:
    recorder = _Recorder(config, "people_register", rng)
    rows = []
    for person in world.people:
        if person.age_on(world.end) < 18:
            continue
        spells = (
            [(person.previous_home, None, person.moved_on), (person.home, person.moved_on, None)]
            if person.previous_home
            else [(person.home, None, None)]
        )
        for home, since, until in spells:
            ref = f"REG{len(rows) + 1:08d}"
            who = recorder.record(ref, person, since or world.start)
            rows.append(
                [
                    ref,
                    who.given,
                    who.family,
                    who.dob.strftime("%d-%m-%Y") if who.dob else "",
                    home.uprn,
                    home.address,
                    home.postcode,
                    _iso(since),
                    _iso(until),
                ]
            )
    out.write("people_register.csv", rows)
    place_rows = [
        [
            p.uprn,
            p.name or "",
            p.address,
            p.postcode,
            f"{p.latitude:.6f}",
            f"{p.longitude:.6f}",
            p.place_type,
            p.area,
        ]
        for p in [*world.homes, *world.amenities]
    ]
    out.write("places.csv", place_rows)
    return {"people_register": (recorder.identities, recorder.noise)}


def write_all_extracts(
    world: World, config: GeneratorConfig, rng_for, out: Path, *, layout: Layout | None = None
) -> SourceTruth:
    """Write every extract into ``out``; return the identity truth and noise per source.

    Parameters
    ----------
    world
        The generated truth.
    config
        The generator config (noise rates).
    rng_for
        ``rng_for(name)`` returns the seeded random stream for one writer.
    out
        Output folder (must exist).
    layout
        How the extracts are written (default: the ``standard`` layout of ``schema.py``).
        The rows, their order and the random draws are the same in every layout.

    Returns
    -------
    SourceTruth
        For each person-bearing source, record id -> true person id, and record id -> noise.
    """
    writer = ExtractWriter(layout or load_layouts()[STANDARD], out)
    truth: SourceTruth = {}
    truth |= _police(world, config, rng_for("police"), writer)
    truth |= _deaths(world, config, rng_for("deaths"), writer)
    truth |= _nhs(world, config, rng_for("nhs"), writer)
    truth |= _local_authority(world, config, rng_for("local_authority"), writer)
    truth |= _register(world, config, rng_for("register"), writer)
    return truth
