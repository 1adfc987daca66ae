"""Everyday events at realistic base rates: death reports, police incidents, partner contacts.

These are the haystack the planted patterns hide in. They share features by chance (the same
hostel, heroin, a busy finder) exactly as real data does.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta

from synthetic.sampling import PeoplePicker
from synthetic.world import Association, Contact, Death, Incident, Person, World

__all__ = [
    "add_background_associations",
    "add_background_contacts",
    "add_background_deaths",
    "add_background_incidents",
    "death_details",
    "new_death",
]

DRUGS = (
    "heroin",
    "methadone",
    "cocaine",
    "alcohol",
    "diazepam",
    "pregabalin",
    "fentanyl",
    "ketamine",
    "GHB",
    "synthetic cannabinoids",
    "diamorphine",
)
#: GHB ~1% of drug-poisoning mentions (ONS); diamorphine: palliative and illicit heroin as named
#: in toxicology.
DRUG_WEIGHTS = (30, 22, 18, 20, 12, 10, 3, 3, 1.5, 6, 3)

# Apparent cause -> (weight, classification choices, coroner outcomes when concluded)
_CAUSES = {
    "natural": (50, ("expected", "unexpected_non_suspicious"), ("natural_causes",)),
    "drug_toxicity": (
        12,
        ("unexplained", "unexpected_non_suspicious"),
        ("drug_related", "misadventure", "open"),
    ),
    "hanging": (9, ("unexpected_non_suspicious",), ("suicide", "narrative")),
    "alcohol": (5, ("unexpected_non_suspicious",), ("accident", "misadventure")),
    "fall": (7, ("unexpected_non_suspicious", "unexplained"), ("accident",)),
    "drowning": (2, ("unexplained",), ("accident", "open", "suicide")),
    "road_traffic": (3, ("unexpected_non_suspicious",), ("accident",)),
    "fire": (1, ("unexplained",), ("accident",)),
    "unknown": (10, ("unexplained",), ("open", "natural_causes", "narrative")),
    # Rare in everyday deaths (approx.: accidental or positional asphyxia; head injuries from
    # falls or fights recorded at the scene before a post-mortem; self-inflicted wounds),
    # common in homicides.
    "asphyxia": (0.8, ("unexplained", "suspicious"), ("open", "unlawful_killing", "narrative")),
    "sharp_force": (0.2, ("suspicious", "homicide"), ("unlawful_killing",)),
    "blunt_force": (1.0, ("suspicious", "homicide"), ("unlawful_killing", "open")),
}

#: How an everyday death from a cause homicides share is classified and concluded.
_EVERYDAY_OUTCOMES = {
    "asphyxia": (("unexplained", "unexpected_non_suspicious"), ("open", "accident", "narrative")),
    "sharp_force": (("unexpected_non_suspicious",), ("suicide", "narrative")),
    "blunt_force": (("unexplained", "unexpected_non_suspicious"), ("accident", "open")),
}

_CIRCUMSTANCES = {
    "natural": "Found unresponsive at {where}. GP aware of long-term conditions.",
    "drug_toxicity": "Found unresponsive at {where}; drug paraphernalia nearby.",
    "hanging": "Found hanging at {where}. No third-party involvement suspected.",
    "alcohol": "Found collapsed at {where} after heavy drinking.",
    "fall": "Found at the foot of stairs / steps at {where}.",
    "drowning": "Body recovered from the water near {where}.",
    "road_traffic": "Pedestrian struck by a vehicle near {where}.",
    "fire": "Found after a fire at {where}.",
    "unknown": "Found deceased at {where}; cause not apparent.",
    "asphyxia": "Found unresponsive at {where}; airway obstructed. Intoxicated earlier.",
    "sharp_force": "Found at {where} with self-inflicted wounds. Note left.",
    "blunt_force": "Found at {where} with head injuries; believed to have fallen while drunk.",
}

_PLACES_BY_CAUSE = {
    "drug_toxicity": (
        ("home", 50),
        ("hostel", 20),
        ("park", 8),
        ("street", 7),
        ("hotel", 10),
        ("licensed_premises", 5),
    ),
    "hanging": (("home", 75), ("park", 20), ("hotel", 5)),
    "drowning": (("river", 100),),
    "road_traffic": (("street", 100),),
    "fall": (("home", 70), ("street", 20), ("licensed_premises", 10)),
    "asphyxia": (("home", 80), ("hotel", 10), ("hostel", 10)),
    "sharp_force": (("home", 90), ("park", 10)),
    "blunt_force": (("street", 45), ("home", 40), ("river", 15)),
}

_INCIDENTS = (
    # (offence category, weight, has suspect, summary template)
    ("violence_with_injury", 14, 0.8, "Victim assaulted at {where}, sustaining injuries."),
    ("violence_without_injury", 18, 0.8, "Victim pushed and threatened at {where}."),
    ("anti_social_behaviour", 15, 0.5, "Report of youths causing a nuisance at {where}."),
    ("theft", 14, 0.3, "Property stolen from {where}."),
    ("criminal_damage", 9, 0.4, "Damage caused to property at {where}."),
    ("burglary", 5, 0.2, "Dwelling entered and property taken at {where}."),
    ("public_order", 7, 0.9, "Disturbance outside {where}; threats made."),
    ("drugs", 5, 1.0, "Person found in possession of suspected controlled drugs at {where}."),
    (
        "domestic_incident",
        8,
        0.9,
        "Verbal argument between partners at {where}; no offences disclosed.",
    ),
    ("concern_for_welfare", 4, 0.0, "Concern for welfare of occupant at {where}."),
    ("robbery", 1, 0.8, "Victim robbed of phone and wallet at {where}."),
)

_NON_CRIME = {"anti_social_behaviour", "domestic_incident", "concern_for_welfare"}
_NON_CRIME_OUTCOMES = (
    "No crime disclosed",
    "Words of advice",
    "Closed",
    "Referred to partner agency",
)

_NHS_REASONS = (
    # (reason code, setting, weight)
    ("ASSAULT", "ED", 12),
    ("OVERDOSE", "ED", 8),
    ("SELF_HARM", "ED", 8),
    ("MH_CRISIS", "MH", 10),
    ("FALL", "ED", 14),
    ("ALCOHOL_INTOX", "ED", 10),
    ("HEAD_INJURY", "ED", 8),
    ("CHEST_PAIN", "ED", 10),
    ("LACERATION", "ED", 10),
    ("MH_REVIEW", "MH", 10),
)
_LA_REASONS = (
    ("Adult Safeguarding", "Self-neglect", 10),
    ("Adult Safeguarding", "Financial abuse", 5),
    ("Children's Social Care", "Child protection concern", 10),
    ("Housing Options", "Threatened with homelessness", 12),
    ("Housing Options", "Rent arrears", 8),
    ("Anti-Social Behaviour Team", "Neighbour dispute", 12),
    ("Anti-Social Behaviour Team", "Noise nuisance", 8),
    ("Adult Safeguarding", "Domestic abuse", 6),
)
_LA_OUTCOMES = (
    "No further action",
    "Signposted",
    "S42 enquiry",
    "Advice given",
    "Warning letter",
    "Case closed",
    "",
)


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in pairs], weights=[w for _, w in pairs])[0]


def death_details(
    rng: random.Random, cause: str, recent: bool, *, everyday: bool = False
) -> tuple[str, str, str]:
    """Classification, coroner outcome and investigation status for a death of ``cause``.

    ``everyday`` deaths from causes homicides share are classified as the accidents they are.
    """
    _, classifications, outcomes = _CAUSES[cause]
    if everyday and cause in _EVERYDAY_OUTCOMES:
        classifications, outcomes = _EVERYDAY_OUTCOMES[cause]
    classification = rng.choice(classifications)
    outcome = "pending" if recent and rng.random() < 0.7 else rng.choice(outcomes)
    status = (
        "open"
        if classification in ("unexplained", "suspicious", "homicide") and outcome == "pending"
        else "closed"
    )
    return classification, outcome, status


def new_death(
    world: World,
    rng: random.Random,
    deceased: Person,
    at: datetime,
    place,
    cause: str,
    substances: list[str],
    others: list[tuple[str, str]],
    circumstances: str | None = None,
    *,
    everyday: bool = False,
) -> Death:
    """Record a death (marks the person dead) and return it."""
    recent = (world.end - at.date()).days < 270
    classification, outcome, status = death_details(rng, cause, recent, everyday=everyday)
    where = (
        "a residential address"
        if place.place_type == "residential"
        else (place.name or place.street)
    )
    death = Death(
        ref=world.next_ref("DR", at.year),
        found_at=at,
        place=place,
        deceased=deceased.id,
        cause=cause,
        substances=substances,
        circumstances=circumstances or _CIRCUMSTANCES[cause].format(where=where),
        classification=classification,
        coroner_outcome=outcome,
        status=status,
        others=others,
    )
    deceased.died_on = at.date()
    world.deaths.append(death)
    return death


def _place_for(
    world: World, rng: random.Random, picker: PeoplePicker, person: Person, cause: str, at: datetime
):
    kind = _weighted(rng, _PLACES_BY_CAUSE.get(cause, (("home", 85), ("care_home", 15))))
    if kind == "care_home" and person.age_on(at.date()) < 70:
        kind = "home"
    if kind == "home":
        return person.home_on(at.date())
    options = [
        p for p in world.amenities if p.place_type == kind and p.area == person.home.area
    ] or world.places_of_type(kind)
    return rng.choice(options) if options else person.home_on(at.date())


def add_background_deaths(
    world: World,
    rng: random.Random,
    picker: PeoplePicker,
    count: int,
    staff: dict[str, Person],
    clinicians: dict[str, list[Person]] | None = None,
) -> None:
    """Add ``count`` ordinary death reports (natural, drug, suicide, accident...).

    ``staff`` maps a hostel or care home's UPRN to the worker who usually finds deaths there:
    the kind of repeated finder who is a decoy, not a killer. ``clinicians`` maps a policing
    area to its GPs, who attend and report some expected deaths at home. Some phones go
    missing and a few turn up together in a later search, as they do with dealers and thieves.
    """
    causes = list(_CAUSES)
    weights = [_CAUSES[c][0] for c in causes]
    missing: list[tuple[datetime, str, str]] = []  # (found at, town, phone)
    for _ in range(count):
        at = world.random_moment(rng)
        cause = rng.choices(causes, weights=weights)[0]
        old = cause in ("natural", "fall")
        deceased = picker.alive(
            at.date(),
            where=lambda p, old=old: (
                (p.age_on(at.date()) >= 60) == old and p.age_on(at.date()) >= 18
            ),
        )
        place = _place_for(world, rng, picker, deceased, cause, at)
        substances = []
        if cause == "drug_toxicity":
            substances = sorted(set(rng.choices(DRUGS, weights=DRUG_WEIGHTS, k=rng.randint(1, 3))))
        elif cause == "alcohol":
            substances = ["alcohol"]
        elif cause == "natural" and old and rng.random() < 0.05:
            substances = ["diamorphine"]  # palliative care at the end of life
        others = _finders(world, rng, picker, deceased, place, at, staff)
        others += _clinician(rng, deceased, place, at, cause, clinicians or {}, others)
        death = new_death(world, rng, deceased, at, place, cause, substances, others, everyday=True)
        risky = cause in ("drug_toxicity", "alcohol", "unknown", "blunt_force")
        if rng.random() < (0.15 if risky else 0.02):
            if deceased.phone is None:
                deceased.phone = _phone(rng)
            death.property_missing = rng.choice(_PHONE_TEXT).format(phone=deceased.phone)
            missing.append((at, place.town, deceased.phone))
        if cause == "drug_toxicity" and rng.random() < 0.4:
            add_contact(
                world,
                rng,
                deceased,
                at - timedelta(days=rng.randint(7, 180)),
                "nhs",
                "ae_attendance",
                "OVERDOSE",
                "Discharged home",
            )
        if cause == "hanging" and rng.random() < 0.35:
            add_contact(
                world,
                rng,
                deceased,
                at - timedelta(days=rng.randint(7, 180)),
                "nhs",
                "mental_health_contact",
                "MH_CRISIS",
                "Referred to community mental health team",
            )
    _recover_phones(world, rng, picker, missing)


_PHONE_TEXT = ("Mobile phone {phone}", "Phone not found ({phone})", "Mobile {phone} missing")


def _phone(rng: random.Random) -> str:
    return f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}"


def _clinician(
    rng: random.Random,
    deceased: Person,
    place,
    at: datetime,
    cause: str,
    clinicians: dict[str, list[Person]],
    others: list[tuple[str, str]],
) -> list[tuple[str, str]]:
    """A GP who attended an expected death at home: reporter, sometimes last to see them."""
    gps = [gp for gp in clinicians.get(place.area, []) if gp.alive_on(at.date())]
    elderly_at_home = cause in ("natural", "unknown") and deceased.age_on(at.date()) >= 70
    if not gps or not elderly_at_home or place.place_type != "residential":
        return []
    if rng.random() >= 0.25:
        return []
    gp = rng.choice(gps)
    roles = [(gp.id, "reported_by")] if all(r != "reported_by" for _, r in others) else []
    roles.append((gp.id, "last_seen_with" if rng.random() < 0.3 else "found_by"))
    return roles


def _recover_phones(
    world: World,
    rng: random.Random,
    picker: PeoplePicker,
    missing: list[tuple[datetime, str, str]],
) -> None:
    """Phones missing from deaths in one town, seized together in a later search."""
    by_town: dict[str, list[tuple[datetime, str]]] = {}
    for at, town, phone in sorted(missing):
        by_town.setdefault(town, []).append((at, phone))
    for town in sorted(by_town):
        phones = by_town[town]
        while len(phones) >= 2 and rng.random() < 0.5:
            taken, phones = phones[: rng.randint(2, 3)], phones[3:]
            latest = max(at for at, _ in taken).date() + timedelta(days=rng.randint(5, 120))
            if latest >= world.end:
                break
            holder = picker.by_propensity(latest, offender=True)
            at = world.random_moment(rng, latest, latest)
            incident = add_incident(
                world,
                at,
                "drugs",
                holder.home_on(latest),
                "Warrant executed; Class A drugs and several mobile phones seized, owners unknown.",
                [(holder.id, "suspect")],
            )
            incident.seized_phones = [phone for _, phone in taken]


def _finders(
    world: World,
    rng: random.Random,
    picker: PeoplePicker,
    deceased: Person,
    place,
    at: datetime,
    staff: dict[str, Person],
) -> list[tuple[str, str]]:
    day = at.date()
    household = picker.household_of(deceased, day)
    on_shift = place.uprn in staff and staff[place.uprn].alive_on(day)
    if on_shift:
        finder = staff[place.uprn]
    elif place.place_type == "residential" and household:
        finder = rng.choice(household)
    else:
        finder = picker.alive(day, where=lambda p: p.home.area == place.area)
    others = [(finder.id, "found_by")]
    if rng.random() < 0.3:
        reporter = rng.choice(household) if household else picker.alive(day)
        if reporter.id != finder.id:
            others.append((reporter.id, "reported_by"))
    else:
        others.append((finder.id, "reported_by"))
    if on_shift and rng.random() < 0.25:  # the night check before the body was found
        others.append((finder.id, "last_seen_with"))
    elif rng.random() < 0.25:
        seen = rng.choice(household) if household else picker.alive(day)
        if seen.id != deceased.id:
            others.append((seen.id, "last_seen_with"))
    return [(pid, role) for pid, role in others if pid != deceased.id]


def add_incident(
    world: World,
    at: datetime,
    offence: str,
    place,
    summary: str,
    people: list[tuple[str, str]],
    markers: list[str] | None = None,
    domestic: bool = False,
    outcome: str = "Under investigation",
) -> Incident:
    """Record a police incident and return it."""
    incident = Incident(
        world.next_ref("OCC", at.year),
        at,
        offence,
        place,
        summary,
        people,
        markers or [],
        domestic,
        outcome,
    )
    world.incidents.append(incident)
    return incident


def add_background_incidents(
    world: World, rng: random.Random, picker: PeoplePicker, count: int
) -> None:
    """Add ``count`` ordinary incidents, victims and suspects drawn by propensity."""
    categories = [c for c, *_ in _INCIDENTS]
    weights = [w for _, w, *_ in _INCIDENTS]
    details = {c: (s, t) for c, _, s, t in _INCIDENTS}
    outcomes = (
        "Charged",
        "No further action",
        "Evidential difficulties",
        "Community resolution",
        "Under investigation",
        "Caution",
    )
    for _ in range(count):
        at = world.random_moment(rng)
        category = rng.choices(categories, weights=weights)[0]
        suspect_rate, template = details[category]
        victim = picker.by_propensity(at.date(), offender=False)
        people = [(victim.id, "victim")]
        place = victim.home_on(at.date())
        if category in (
            "violence_with_injury",
            "violence_without_injury",
            "public_order",
            "robbery",
            "anti_social_behaviour",
            "drugs",
            "theft",
        ):
            kinds = ("licensed_premises", "street", "park", "retail", "transport")
            local = [
                p for p in world.amenities if p.place_type in kinds and p.town == victim.home.town
            ]
            if local and rng.random() < 0.6:
                place = rng.choice(local)
        markers: list[str] = []
        domestic = category == "domestic_incident"
        if rng.random() < suspect_rate:
            if domestic:
                household = [
                    p for p in picker.household_of(victim, at.date()) if p.age_on(at.date()) >= 16
                ]
                suspect = (
                    rng.choice(household)
                    if household
                    else picker.by_propensity(at.date(), offender=True)
                )
            else:
                suspect = picker.by_propensity(at.date(), offender=True)
            if suspect.id != victim.id:
                people.append((suspect.id, "suspect"))
        if category == "drugs":
            people = [(pid, "suspect") for pid, _ in people[1:]] or [(victim.id, "suspect")]
        if rng.random() < 0.25:
            witness = picker.alive(at.date())
            if all(witness.id != pid for pid, _ in people):
                people.append((witness.id, "witness"))
        if rng.random() < 0.3:
            reporter = picker.alive(at.date())
            if all(reporter.id != pid for pid, _ in people):
                people.append((reporter.id, "reporting_person"))
        if domestic and rng.random() < 0.05:
            markers.append(rng.choice(("injury", "child_present", "substance_misuse")))
        where = (
            "a residential address"
            if place.place_type == "residential"
            else (place.name or place.street)
        )
        add_incident(
            world,
            at,
            category,
            place,
            template.format(where=where),
            people,
            markers,
            domestic,
            rng.choice(_NON_CRIME_OUTCOMES if category in _NON_CRIME else outcomes),
        )
        if category == "violence_with_injury" and rng.random() < 0.3:
            add_contact(
                world,
                rng,
                victim,
                at + timedelta(hours=rng.randint(1, 20)),
                "nhs",
                "ae_attendance",
                "ASSAULT",
                "Discharged home",
            )


def add_contact(
    world: World,
    rng: random.Random,
    person: Person,
    at: datetime,
    agency: str,
    kind: str,
    reason: str,
    outcome: str,
    *,
    safeguarding: bool = False,
) -> Contact | None:
    """Record a partner contact if it falls inside the period and the person is alive."""
    if at.date() < world.start or at.date() > world.end or not person.alive_on(at.date()):
        return None
    prefix = "AE" if agency == "nhs" else "LA"
    contact = Contact(
        world.next_ref(prefix, at.year), agency, kind, at, person.id, reason, outcome, safeguarding
    )
    world.contacts.append(contact)
    return contact


def add_background_contacts(
    world: World, rng: random.Random, picker: PeoplePicker, nhs: int, local_authority: int
) -> None:
    """Add everyday NHS attendances and local-authority referrals."""
    nhs_reasons = [r for r, _, _ in _NHS_REASONS]
    nhs_weights = [w for _, _, w in _NHS_REASONS]
    settings = {r: s for r, s, _ in _NHS_REASONS}
    for _ in range(nhs):
        at = world.random_moment(rng)
        person = (
            picker.by_propensity(at.date(), offender=False)
            if rng.random() < 0.5
            else picker.alive(at.date())
        )
        reason = rng.choices(nhs_reasons, weights=nhs_weights)[0]
        kind = "mental_health_contact" if settings[reason] == "MH" else "ae_attendance"
        outcome = rng.choice(
            (
                "Discharged home",
                "Admitted",
                "Left before treatment",
                "Referred to GP",
                "Referred to community mental health team",
            )
        )
        add_contact(
            world, rng, person, at, "nhs", kind, reason, outcome, safeguarding=rng.random() < 0.05
        )
    la_choices = [(service, reason) for service, reason, _ in _LA_REASONS]
    la_weights = [w for _, _, w in _LA_REASONS]
    kinds = {
        "Adult Safeguarding": "safeguarding_referral",
        "Children's Social Care": "social_care",
        "Housing Options": "housing",
        "Anti-Social Behaviour Team": "anti_social_behaviour",
    }
    for _ in range(local_authority):
        at = world.random_moment(rng)
        person = picker.alive(at.date())
        service, reason = rng.choices(la_choices, weights=la_weights)[0]
        add_contact(
            world,
            rng,
            person,
            at,
            "local_authority",
            kinds[service],
            reason,
            rng.choice(_LA_OUTCOMES),
        )


def add_background_associations(world: World, rng: random.Random) -> None:
    """Add the ties police intelligence records around everyday incidents.

    Partners named in domestic incidents are linked; people who are repeatedly suspects in
    the same town are linked as associates (peer groups), which gives every network analysis
    a realistic haystack of ordinary ties.
    """
    existing = {frozenset((a.a, a.b)) for a in world.associations}

    def link(a: str, b: str, kind: str, since) -> None:
        pair = frozenset((a, b))
        if a != b and pair not in existing:
            existing.add(pair)
            world.associations.append(Association(a, b, kind, since))

    suspects_by_town: dict[str, list[str]] = {}
    for incident in sorted(world.incidents, key=lambda i: i.ref):
        victims = [pid for pid, role in incident.people if role == "victim"]
        suspects = [pid for pid, role in incident.people if role == "suspect"]
        if incident.domestic and victims and suspects and rng.random() < 0.6:
            link(victims[0], suspects[0], "partner", incident.at.date())
        for suspect in suspects:
            suspects_by_town.setdefault(world.person(suspect).home.town, []).append(suspect)
    for town in sorted(suspects_by_town):
        counts = Counter(suspects_by_town[town])
        repeat = sorted(pid for pid, n in counts.items() if n >= 2)
        for person in repeat:
            for other in rng.sample(repeat, min(len(repeat), rng.randint(0, 2))):
                link(person, other, "associate", world.start)
