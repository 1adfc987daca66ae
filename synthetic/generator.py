"""Orchestrates one generated data set from one seed.

The world, the planted patterns, the extracts and the ground truth.
"""

from __future__ import annotations

import json
import math
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from synthetic.background import (
    add_background_associations,
    add_background_contacts,
    add_background_deaths,
    add_background_incidents,
)
from synthetic.config import GeneratorConfig
from synthetic.dyads import plant_dyads
from synthetic.extracts import write_all_extracts
from synthetic.geography import build_places
from synthetic.layouts import load_layouts
from synthetic.layouts.spec import SCHEMAS
from synthetic.networks import (
    plant_networks,
    plant_offending_groups,
    plant_social_ties,
    plant_well_connected,
    simulate_violence,
)
from synthetic.population import build_population, plant_look_alikes
from synthetic.sampling import PeoplePicker
from synthetic.scenarios import load_scenarios, plant_scenarios
from synthetic.world import Person, World

__all__ = ["GenerationSummary", "generate"]

GROUND_TRUTH_SCHEMA_VERSION = 1

# Base rates (see the package docstring for sources).
DEATH_REPORTS_PER_PERSON_YEAR = 1.23e-3
INCIDENTS_PER_PERSON_YEAR = 0.05
NHS_CONTACTS_PER_PERSON_YEAR = 0.03
LA_CONTACTS_PER_PERSON_YEAR = 0.02
PEOPLE_PER_HOUSEHOLD = 2.36


@dataclass(frozen=True)
class GenerationSummary:
    """What was generated, for the command's final table."""

    out: Path
    seconds: float
    counts: dict[str, int]


def _remap(value: object, mapping: dict[str, str]) -> object:
    if isinstance(value, str):
        return mapping.get(value, value)
    if isinstance(value, list):
        return [_remap(item, mapping) for item in value]
    if isinstance(value, dict):
        return {key: _remap(item, mapping) for key, item in value.items()}
    return value


def _renumber_chronologically(world: World) -> dict[str, str]:
    """Give references in date order, as records systems do.

    Creation order would leak which events were planted.
    """
    mapping: dict[str, str] = {}
    world._counters.clear()
    for incident in sorted(world.incidents, key=lambda i: (i.at, i.ref)):
        new = world.next_ref("OCC", incident.at.year)
        mapping[incident.ref], incident.ref = new, new
    for death in sorted(world.deaths, key=lambda d: (d.found_at, d.ref)):
        new = world.next_ref("DR", death.found_at.year)
        mapping[death.ref], death.ref = new, new
    for contact in sorted(world.contacts, key=lambda c: (c.at, c.ref)):
        new = world.next_ref("AE" if contact.agency == "nhs" else "LA", contact.at.year)
        mapping[contact.ref], contact.ref = new, new
    return mapping


def _repeats(world: World, role: str, minimum: int = 3) -> list[dict[str, object]]:
    counts = Counter(pid for incident in world.incidents for pid, r in incident.people if r == role)
    return [{"person": pid, "incidents": n} for pid, n in sorted(counts.items()) if n >= minimum]


def _person_truth(person: Person) -> dict[str, object]:
    return {
        "given": person.given,
        "family": person.family,
        "sex": person.sex,
        "dob": person.dob.isoformat(),
        "nhs_number": person.nhs_number,
        "phone": person.phone,
        "home_uprn": person.home.uprn,
        "previous_home_uprn": person.previous_home.uprn if person.previous_home else None,
        "moved_on": person.moved_on.isoformat() if person.moved_on else None,
        "died_on": person.died_on.isoformat() if person.died_on else None,
        "former_family": person.former_family,
        "renamed_on": person.renamed_on.isoformat() if person.renamed_on else None,
        "household": person.household,
    }


def _clinicians(world: World, picker: PeoplePicker, config: GeneratorConfig) -> dict:
    """GPs by policing area (about one per 2,000 residents, at least one an area)."""
    areas = sorted({home.area for home in world.homes})
    per_area = max(1, round(config.people / 2_000 / max(1, len(areas))))
    return {
        area: [
            picker.first_eligible(
                world.start,
                lambda p, area=area: 35 <= p.age_on(world.start) <= 62 and p.home.area == area,
                lambda p: 35 <= p.age_on(world.start) <= 62,
                reserve=True,
            )
            for _ in range(per_area)
        ]
        for area in areas
    }


def generate(
    config: GeneratorConfig, out: Path, *, report: Callable[[str], None] = lambda _line: None
) -> GenerationSummary:
    """Generate the extracts and ``ground_truth.json`` into ``out``.

    Parameters
    ----------
    config
        Size, seed, period and noise rates. The same config gives byte-identical files.
    out
        Output folder (created if needed; existing extract files are overwritten).
    report
        Called with a line per phase, for progress output.

    Returns
    -------
    GenerationSummary
        Where, how long, and how many of each record.
    """
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)

    def rng_for(name: str) -> random.Random:
        return random.Random(f"linkwatch:{config.seed}:{name}")

    world = World(start=config.start_date, end=config.end_date)
    years = config.years
    world.homes, world.amenities = build_places(
        rng_for("places"),
        households=math.ceil(config.people / PEOPLE_PER_HOUSEHOLD),
        residents=config.people,
    )
    report(f"places: {len(world.homes):,} addresses, {len(world.amenities):,} other places")
    build_population(
        rng_for("people"), world, config.people, married_in_period=config.married_in_period
    )
    look_alikes = plant_look_alikes(rng_for("look_alikes"), world, config.planted(10, floor=3))
    report(f"people: {len(world.people):,}")

    picker = PeoplePicker(world, rng_for("picker"))
    staff: dict[str, Person] = {}
    for place in [p for p in world.amenities if p.place_type in ("hostel", "care_home")]:
        staff[place.uprn] = picker.first_eligible(
            world.start,
            lambda p, place=place: 22 <= p.age_on(world.start) <= 60 and p.home.area == place.area,
            lambda p: 22 <= p.age_on(world.start) <= 60,
            reserve=True,
        )

    clinicians = _clinicians(world, picker, config)
    names = config.scenarios if config.scenarios is not None else tuple(load_scenarios())
    series, decoys = plant_scenarios(world, rng_for, picker, config, staff, clinicians, names)
    dyads = plant_dyads(
        world,
        rng_for("dyads"),
        picker,
        fatal=config.planted(4, floor=2),
        near_miss=config.planted(4, floor=1),
        live=config.planted(8, floor=3),
        benign=config.planted(12, floor=4),
    )
    networks, members_of = plant_networks(
        world, rng_for("networks"), picker, config.planted(3, floor=1)
    )
    well_connected = plant_well_connected(
        world, rng_for("hubs"), picker, config.planted(4, floor=2)
    )
    groups, offenders = plant_offending_groups(
        world, rng_for("groups"), picker, config.planted(6, floor=2)
    )
    unrecorded = plant_social_ties(world, rng_for("ties"), picker, [*members_of, *offenders])
    exposure = simulate_violence(
        world,
        rng_for("violence"),
        picker,
        members_of,
        unrecorded,
        {v for n in networks for v in n["vulnerable"]},
        offenders,
    )
    report(
        f"planted: {len(series)} series, {len(decoys)} decoy groups, "
        f"{len(dyads)} dyads, {len(networks)} networks"
    )

    add_background_deaths(
        world,
        rng_for("deaths"),
        picker,
        max(20, round(config.people * DEATH_REPORTS_PER_PERSON_YEAR * years)),
        staff,
        clinicians,
    )
    add_background_incidents(
        world,
        rng_for("incidents"),
        picker,
        max(80, round(config.people * INCIDENTS_PER_PERSON_YEAR * years)),
    )
    add_background_contacts(
        world,
        rng_for("contacts"),
        picker,
        nhs=max(40, round(config.people * NHS_CONTACTS_PER_PERSON_YEAR * years)),
        local_authority=max(30, round(config.people * LA_CONTACTS_PER_PERSON_YEAR * years)),
    )
    add_background_associations(world, rng_for("associations"))
    mapping = _renumber_chronologically(world)
    series, decoys, dyads, exposure = (
        _remap(x, mapping) for x in (series, decoys, dyads, exposure)
    )
    report(
        f"events: {len(world.incidents):,} incidents, {len(world.deaths):,} death reports, "
        f"{len(world.contacts):,} partner contacts"
    )

    layout = load_layouts()[config.layout]
    sources = write_all_extracts(world, config, rng_for, out, layout=layout)
    counts = {
        "people": len(world.people),
        "places": len(world.homes) + len(world.amenities),
        "incidents": len(world.incidents),
        "death_reports": len(world.deaths),
        "nhs_contacts": sum(1 for c in world.contacts if c.agency == "nhs"),
        "local_authority_contacts": sum(1 for c in world.contacts if c.agency == "local_authority"),
        "associations": len(world.associations),
        **{f"{name}_records": len(identities) for name, (identities, _) in sources.items()},
    }
    truth = {
        "schema_version": GROUND_TRUTH_SCHEMA_VERSION,
        "generator": {
            "seed": config.seed,
            "people": config.people,
            "start_date": config.start_date.isoformat(),
            "end_date": config.end_date.isoformat(),
            "nhs_number_present": config.nhs_number_present,
            "police_duplicate_nominal": config.police_duplicate_nominal,
            "married_in_period": config.married_in_period,
            "noise": {name: rates.model_dump() for name, rates in config.noise.items()},
            "scenarios": list(names),
            "layout": layout.name,
            "mapping": layout.mapping,
            "files": {standard: layout.file_for(standard).file for standard in SCHEMAS},
        },
        "counts": counts,
        "series": series,
        "decoys": decoys,
        "dyads": dyads,
        "networks": networks,
        "offending_groups": groups,
        "exposure": exposure,
        "well_connected": well_connected,
        "repeat_victims": _repeats(world, "victim"),
        "repeat_perpetrators": _repeats(world, "suspect"),
        "death_suspects": {
            death.ref: sorted({pid for pid, role in death.others if role == "suspect"})
            for death in world.deaths
            if any(role == "suspect" for _, role in death.others)
        },
        "look_alikes": look_alikes,
        "identities": {name: identities for name, (identities, _) in sources.items()},
        "noise": {name: noise for name, (_, noise) in sources.items()},
        "people": {person.id: _person_truth(person) for person in world.people},
    }
    with (out / "ground_truth.json").open("w", encoding="utf-8") as handle:
        json.dump(truth, handle, indent=1, sort_keys=False, ensure_ascii=False)
        handle.write("\n")
    seconds = time.perf_counter() - started
    report(f"written to {out} in {seconds:.1f} s")
    return GenerationSummary(out=out, seconds=seconds, counts=counts)
