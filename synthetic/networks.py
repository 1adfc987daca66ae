"""Co-offending networks, the ties around everyone, and serious violence simulated forward.

Each network has a leader, lieutenants and young runners who are arrested together for drug
supply and weapons, and a "cuckooed" vulnerable adult whose home they use (never a suspect or a
victim, but associated with many who are). Members have friends and family; so do ordinary
people, many of whose ties police intelligence never records.

Serious violence is then simulated over the whole period as a cascade, not planted near earlier
victims. Three processes make it:

- background violence, unrelated to any network: victim and perpetrator drawn by individual
  risk (age, sex, and a latent propensity -- prior involvement, vulnerability -- that no
  extract records);
- rivalry between co-offending groups;
- social contagion (Green, Horel & Papachristos 2017): every event may "infect" each tie of its
  victim and perpetrator, recorded or not, with a probability rising with the infectee's own
  risk; the infectee is involved in a new event after a delay of months (mean ~125 days).
  Papachristos & Wildeman's decay of ~57% a tie emerges from the cascade; it is not planted.

The exposure score sees recorded ties and recorded violence only; the latent risk, the
unrecorded ties and the delays are the generator's. The ground truth records, for everyone
involved after the evaluation cut-off, why: background, rivalry, contagion (with the infector
and the lag) or the other side of a contagion event.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate, pairwise

from synthetic.background import add_contact, add_incident, new_death
from synthetic.sampling import PeoplePicker
from synthetic.world import Association, Person, World

__all__ = [
    "plant_networks",
    "plant_offending_groups",
    "plant_social_ties",
    "plant_well_connected",
    "simulate_violence",
]

CUTOFF_DAYS_BEFORE_END = 180
#: Green, Horel & Papachristos 2017: mean lag from infector to infectee ~125 days.
CONTAGION_MEAN_LAG_DAYS = 125.0
#: Probability a tie carries contagion from one event, per unit of the infectee's risk.
TIE_INFECTION = 0.12
#: Share of infectees who go on to offend rather than be victimised (retaliation).
RETALIATION_SHARE = 0.4
#: Serious violence per 1,000 adults a year unrelated to networks (a high-violence urban area).
BACKGROUND_PER_1000_YEAR = 3.0
#: Rival-group stabbings per network a year.
RIVALRY_PER_NETWORK_YEAR = 2.0
#: Share of serious-violence events that are fatal.
FATAL_SHARE = 0.05
#: After taking part in an event, nobody is infected again for this long (custody, hospital).
RECOVERY = timedelta(days=90)
#: How often intelligence records a tie of each kind (co-offending is always recorded).
RECORDED = {"family": 0.8, "friend_of_member": 0.7, "ordinary_friend": 0.25}


def _member(world: World, picker: PeoplePicker, town: str, low: int, high: int) -> Person:
    day = world.start
    return picker.first_eligible(
        day,
        lambda p: p.sex == "M" and low <= p.age_on(day) <= high and p.home.town == town,
        lambda p: p.sex == "M" and low <= p.age_on(day) <= high,
        lambda p: p.sex == "M" and low - 5 <= p.age_on(day) <= high + 15,
        lambda p: p.sex == "M" and p.age_on(day) >= 16,
        reserve=True,
    )


def _moment(world: World, rng: random.Random, start: date, end: date) -> datetime:
    return world.random_moment(rng, start, end)


def plant_networks(
    world: World, rng: random.Random, picker: PeoplePicker, count: int
) -> tuple[list[dict[str, object]], list[list[Person]]]:
    """Plant ``count`` co-offending networks; return their records and their members.

    The records go into the ground truth; the members are what :func:`simulate_violence`
    needs to stage rivalry between groups.
    """
    cutoff = world.end - timedelta(days=CUTOFF_DAYS_BEFORE_END)
    towns = sorted({p.home.town for p in world.people if 18 <= p.age_on(world.start) <= 30})
    networks: list[dict[str, object]] = []
    members_of: list[list[Person]] = []
    for number in range(1, count + 1):
        town = rng.choice(towns)
        leader = _member(world, picker, town, 24, 40)
        lieutenants = [_member(world, picker, town, 19, 32) for _ in range(rng.randint(1, 2))]
        runners = [_member(world, picker, town, 16, 23) for _ in range(rng.randint(4, 10))]
        members = [leader, *lieutenants, *runners]
        since = world.start - timedelta(days=rng.randint(60, 600))
        for lieutenant in lieutenants:
            world.associations.append(Association(leader.id, lieutenant.id, "associate", since))
        for runner in runners:
            boss = rng.choice(lieutenants)
            world.associations.append(
                Association(
                    boss.id, runner.id, "co_offender", since + timedelta(days=rng.randint(0, 200))
                )
            )
        for a, b in pairwise(runners):
            if rng.random() < 0.4:
                world.associations.append(
                    Association(
                        a.id, b.id, "associate", since + timedelta(days=rng.randint(0, 300))
                    )
                )
        vulnerable = picker.first_eligible(
            world.start,
            lambda p: 35 <= p.age_on(world.start) <= 70 and p.home.town == town,
            lambda p: 35 <= p.age_on(world.start) <= 70,
            reserve=True,
        )
        for member in rng.sample(members, min(len(members), rng.randint(3, 5))):
            world.associations.append(
                Association(
                    vulnerable.id,
                    member.id,
                    "associate",
                    since + timedelta(days=rng.randint(100, 500)),
                )
            )
        line_phone = f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}"
        for _ in range(len(members) * 2):
            at = _moment(world, rng, world.start, cutoff)
            crew = rng.sample(
                [*lieutenants, *runners], min(len(runners) + len(lieutenants), rng.randint(2, 3))
            )
            place = (
                vulnerable.home_on(at.date())
                if rng.random() < 0.35
                else rng.choice(
                    [
                        p
                        for p in world.amenities
                        if p.town == town and p.place_type in ("street", "park", "retail")
                    ]
                    or world.amenities
                )
            )
            offence = rng.choice(("drugs", "drugs", "drugs", "weapons"))
            summary = (
                "Suspects found with wraps of class A drugs and a 'line' phone at {w}."
                if offence == "drugs"
                else "Suspects stopped and searched at {w}; lock knife recovered."
            )
            where = (
                "a residential address"
                if place.place_type == "residential"
                else (place.name or place.street)
            )
            incident = add_incident(
                world,
                at,
                offence,
                place,
                summary.format(w=where),
                [(m.id, "suspect") for m in crew],
                ["weapon"] if offence == "weapons" else ["substance_misuse"],
                False,
                rng.choice(("Charged", "Under investigation", "No further action")),
            )
            if offence == "drugs" and rng.random() < 0.5:
                incident.seized_phones = [line_phone]
        add_contact(
            world,
            rng,
            vulnerable,
            _moment(world, rng, world.start, cutoff),
            "local_authority",
            "anti_social_behaviour",
            "Cuckooing concern",
            "",
        )
        add_contact(
            world,
            rng,
            vulnerable,
            _moment(world, rng, world.start, cutoff),
            "local_authority",
            "safeguarding_referral",
            "Self-neglect",
            "S42 enquiry",
        )
        members_of.append(members)
        networks.append(
            {
                "id": f"NETWORK-{number:02d}",
                "kind": "county_lines",
                "town": town,
                "members": [m.id for m in members],
                "centre": [leader.id, *[lt.id for lt in lieutenants]],
                "vulnerable": [vulnerable.id],
                "line_phone": line_phone,
            }
        )
    return networks, members_of


def _stabbing(
    world: World, rng: random.Random, at: datetime, victim: Person, suspect: Person, *, fatal: bool
) -> str:
    place = rng.choice(
        [
            p
            for p in world.amenities
            if p.town == victim.home.town
            and p.place_type in ("street", "park", "licensed_premises")
        ]
        or world.amenities
    )
    where = place.name or place.street
    pair = [(victim.id, "victim"), (suspect.id, "suspect")]
    if fatal:
        incident = add_incident(
            world,
            at,
            "homicide",
            place,
            f"Man stabbed at {where}; died at scene.",
            pair,
            ["weapon"],
            False,
            "Charged",
        )
        death = new_death(
            world,
            rng,
            victim,
            at + timedelta(minutes=40),
            place,
            "sharp_force",
            [],
            [(suspect.id, "suspect")],
            f"Man found with stab wounds at {where}.",
        )
        death.classification, death.coroner_outcome, death.status = "homicide", "pending", "open"
        return incident.ref
    incident = add_incident(
        world,
        at,
        "violence_with_injury",
        place,
        f"Victim stabbed in the leg at {where} in a dispute between groups.",
        pair,
        ["weapon", "injury"],
        False,
        rng.choice(("Charged", "Evidential difficulties", "Under investigation")),
    )
    add_contact(
        world,
        rng,
        victim,
        at + timedelta(hours=1),
        "nhs",
        "ae_attendance",
        "LACERATION",
        "Admitted",
        safeguarding=False,
    )
    return incident.ref


def plant_offending_groups(
    world: World, rng: random.Random, picker: PeoplePicker, count: int
) -> tuple[list[dict[str, object]], list[list[Person]]]:
    """Plant ``count`` acquisitive-crime groups: co-offenders with no part in group violence.

    Shoplifting and burglary crews of three to six men and women, arrested together a few
    times: as central in the co-offending network as a drug line's runners, but nobody plants
    violence among them (they meet it only as anyone does, by individual risk or contagion).
    """
    cutoff = world.end - timedelta(days=CUTOFF_DAYS_BEFORE_END)
    towns = sorted({p.home.town for p in world.people if 18 <= p.age_on(world.start) <= 45})
    records: list[dict[str, object]] = []
    groups: list[list[Person]] = []
    for number in range(1, count + 1):
        town = rng.choice(towns)
        members = [
            picker.first_eligible(
                world.start,
                lambda p: 18 <= p.age_on(world.start) <= 45 and p.home.town == town,
                lambda p: 18 <= p.age_on(world.start) <= 45,
                reserve=True,
            )
            for _ in range(rng.randint(3, 6))
        ]
        since = world.start - timedelta(days=rng.randint(60, 900))
        for a, b in pairwise(members):
            world.associations.append(Association(a.id, b.id, "associate", since))
        shops = [
            p for p in world.amenities if p.town == town and p.place_type in ("retail", "street")
        ] or world.amenities
        for _ in range(len(members) * 2):
            at = _moment(world, rng, world.start, cutoff)
            crew = rng.sample(members, rng.randint(2, min(3, len(members))))
            place = rng.choice(shops)
            offence = rng.choice(("theft", "theft", "burglary"))
            add_incident(
                world,
                at,
                offence,
                place,
                f"Suspects detained after goods taken from {place.name or place.street}.",
                [(m.id, "suspect") for m in crew],
                [],
                False,
                rng.choice(("Charged", "Caution", "No further action")),
            )
        groups.append(members)
        records.append(
            {
                "id": f"GROUP-{number:02d}",
                "kind": "acquisitive",
                "town": town,
                "members": [m.id for m in members],
            }
        )
    return records, groups


def plant_social_ties(
    world: World, rng: random.Random, picker: PeoplePicker, members_of: list[list[Person]]
) -> list[Association]:
    """Give network members friends and family, and ordinary people friends.

    Returns the ties intelligence never recorded (the recorded ones join
    ``world.associations``): contagion travels both, the exposure score sees only the first.
    """
    unrecorded: list[Association] = []
    existing = {frozenset((a.a, a.b)) for a in world.associations}

    def tie(a: Person, b: Person, kind: str, why: str, since: date) -> None:
        pair = frozenset((a.id, b.id))
        if a.id == b.id or pair in existing:
            return
        existing.add(pair)
        association = Association(a.id, b.id, kind, since)
        if rng.random() < RECORDED[why]:
            world.associations.append(association)
        else:
            unrecorded.append(association)

    def since() -> date:
        return world.start - timedelta(days=rng.randint(30, 1500))

    def peer(person: Person) -> Person:
        age = person.age_on(world.start)
        return picker.first_eligible(
            world.start,
            lambda p: abs(p.age_on(world.start) - age) <= 4 and p.home.town == person.home.town,
            lambda p: abs(p.age_on(world.start) - age) <= 6,
        )

    for members in members_of:
        for member in members:
            for relative in picker.household_of(member, world.start):
                tie(member, relative, "family", "family", since())
            for _ in range(rng.randint(1, 3)):
                tie(member, peer(member), "associate", "friend_of_member", since())
    # Ordinary friendships: a fifth of adults have one to three, mostly unknown to police.
    for person in picker.adults:
        if rng.random() < 0.2:
            for _ in range(rng.randint(1, 3)):
                tie(person, peer(person), "social_media", "ordinary_friend", since())
    return unrecorded


@dataclass(order=True)
class _Pending:
    """A serious-violence event waiting to happen, earliest first."""

    at: datetime
    order: int
    cause: str = field(compare=False)  # background / rivalry / contagion
    victim: Person | None = field(compare=False, default=None)
    perpetrator: Person | None = field(compare=False, default=None)
    infector: dict[str, object] | None = field(compare=False, default=None)


def _demographic_risk(person: Person, day: date) -> float:
    age = person.age_on(day)
    if age < 16:
        return 0.02
    bands = ((24, 1.0, 0.15), (34, 0.6, 0.1), (49, 0.25, 0.05), (200, 0.05, 0.02))
    for top, male, female in bands:
        if age <= top:
            return male if person.sex == "M" else female
    return 0.02


def simulate_violence(
    world: World,
    rng: random.Random,
    picker: PeoplePicker,
    members_of: list[list[Person]],
    unrecorded: list[Association],
    vulnerable: set[str],
    offenders: Sequence[list[Person]] = (),
) -> dict[str, object]:
    """Simulate serious violence forward over the whole period; return the exposure truth.

    Background events and rivalry between groups are drawn first; each event that happens may
    infect the ties of its victim and perpetrator (recorded or not), scheduling a new event for
    the infectee after a gamma-distributed delay (mean ``CONTAGION_MEAN_LAG_DAYS``). People
    reserved by other planted patterns, and the networks' vulnerable adults, take no part.
    """
    cutoff = world.end - timedelta(days=CUTOFF_DAYS_BEFORE_END)
    members = {m.id for group in members_of for m in group}
    acquisitive = {m.id for group in offenders for m in group}
    grouped = members | acquisitive
    eligible = [
        p
        for p in picker.adults
        if (p.id not in picker.used or p.id in grouped) and p.id not in vulnerable
    ]
    allowed = {p.id for p in eligible}
    # Latent propensity: lognormal, higher for people already involved in offending groups.
    involvement = {**dict.fromkeys(acquisitive, 1.5), **dict.fromkeys(members, 2.5)}
    latent = {p.id: rng.lognormvariate(0, 1.0) * involvement.get(p.id, 1.0) for p in eligible}
    risk = {p.id: _demographic_risk(p, world.start) * latent[p.id] for p in eligible}
    cumulative = list(accumulate(risk[p.id] for p in eligible))
    ties: dict[str, list[tuple[str, date]]] = {}
    for association in [*world.associations, *unrecorded]:
        if association.a in allowed and association.b in allowed:
            ties.setdefault(association.a, []).append((association.b, association.since))
            ties.setdefault(association.b, []).append((association.a, association.since))

    def by_risk(day: date, exclude: set[str], pool: list[Person] | None = None) -> Person | None:
        if pool is not None and not pool:
            return None
        for _ in range(50):
            if pool is None:
                person = rng.choices(eligible, cum_weights=cumulative)[0]
            else:
                person = rng.choices(pool, weights=[risk[p.id] for p in pool])[0]
            if person.alive_on(day) and person.id not in exclude:
                return person
        return None

    queue: list[_Pending] = []
    order = 0

    def schedule(item: _Pending) -> None:
        nonlocal order
        if item.at.date() <= world.end:
            order += 1
            item.order = order
            heapq.heappush(queue, item)

    years = (world.end - world.start).days / 365.25
    for _ in range(_poisson(rng, BACKGROUND_PER_1000_YEAR * len(eligible) / 1000 * years)):
        schedule(_Pending(world.random_moment(rng), 0, "background"))
    if len(members_of) > 1:
        for index, group in enumerate(members_of):
            rivals = members_of[(index + 1) % len(members_of)]
            for _ in range(_poisson(rng, RIVALRY_PER_NETWORK_YEAR * years)):
                at = world.random_moment(rng)
                victim = by_risk(at.date(), set(), [m for m in group[1:] if m.id in allowed])
                perpetrator = by_risk(at.date(), set(), [m for m in rivals if m.id in allowed])
                schedule(_Pending(at, 0, "rivalry", victim, perpetrator))
    busy_until: dict[str, date] = {}  # no one is infected again before their event has happened
    involvements: list[dict[str, object]] = []
    counts = {"background": 0, "rivalry": 0, "contagion": 0}
    limit = max(200, len(eligible) // 5)  # a safety net: reached, the truth says so
    while queue and sum(counts.values()) < limit:
        item = heapq.heappop(queue)
        day = item.at.date()
        victim = item.victim or by_risk(day, {item.perpetrator.id} if item.perpetrator else set())
        if victim is None:
            continue
        perpetrator = item.perpetrator or by_risk(day, {victim.id})
        if (
            perpetrator is None
            or victim.id == perpetrator.id
            or not (victim.alive_on(day) and perpetrator.alive_on(day))
        ):
            continue
        fatal = rng.random() < FATAL_SHARE
        ref = _stabbing(world, rng, item.at, victim, perpetrator, fatal=fatal)
        counts[item.cause] += 1
        for person in (victim, perpetrator):  # custody, hospital: out of the cascade for a while
            busy_until[person.id] = max(busy_until.get(person.id, day), day + RECOVERY)
        for person, role in ((victim, "victim"), (perpetrator, "perpetrator")):
            infectee = item.infector is not None and person.id == item.infector["infectee"]
            involvements.append(
                {
                    "person": person.id,
                    "role": role,
                    "event": ref,
                    "on": day.isoformat(),
                    "cause": item.cause if item.cause != "contagion" or infectee else "other_side",
                    **(
                        {
                            "infector": item.infector["person"],
                            "infector_event": item.infector["event"],
                            "lag_days": (day - item.infector["on"]).days,
                        }
                        if infectee
                        else {}
                    ),
                }
            )
        for source, other in ((victim, perpetrator), (perpetrator, victim)):
            if fatal and source is victim:
                continue
            for neighbour_id, since in ties.get(source.id, []):
                neighbour = world.person(neighbour_id)
                if since > day or neighbour_id == other.id:
                    continue
                if busy_until.get(neighbour_id, day) > day:
                    continue
                if rng.random() >= min(0.4, TIE_INFECTION * risk[neighbour_id]):
                    continue
                lag = timedelta(days=rng.gammavariate(2.0, CONTAGION_MEAN_LAG_DAYS / 2.0))
                at = item.at + lag
                busy_until[neighbour_id] = at.date()
                # The other side: the person the infector fought, or someone close to them.
                side = [other, *(world.person(n) for n, _ in ties.get(other.id, []))]
                counterparty = by_risk(at.date(), {neighbour_id}, side)
                retaliates = rng.random() < RETALIATION_SHARE
                schedule(
                    _Pending(
                        at,
                        0,
                        "contagion",
                        counterparty if retaliates else neighbour,
                        neighbour if retaliates else counterparty,
                        {"person": source.id, "event": ref, "on": day, "infectee": neighbour_id},
                    )
                )
    after = [i for i in involvements if i["on"] > cutoff.isoformat()]
    before = [i for i in involvements if i["on"] <= cutoff.isoformat()]
    contagion_events = {i["event"] for i in involvements if i["cause"] == "contagion"}
    return {
        "cutoff": cutoff.isoformat(),
        "serious_violence": "homicide, attempted murder, or violence with injury and a weapon",
        "process": (
            "simulated forward: background violence by individual risk, rivalry between groups, "
            "and contagion along ties (recorded or not) after a gamma delay"
        ),
        "parameters": {
            "contagion_mean_lag_days": CONTAGION_MEAN_LAG_DAYS,
            "tie_infection": TIE_INFECTION,
            "retaliation_share": RETALIATION_SHARE,
            "background_per_1000_year": BACKGROUND_PER_1000_YEAR,
            "rivalry_per_network_year": RIVALRY_PER_NETWORK_YEAR,
            "fatal_share": FATAL_SHARE,
            "recovery_days": RECOVERY.days,
            "recorded_tie_share": RECORDED,
        },
        "events_by_cause": counts,
        "truncated": bool(queue),
        "contagion_share_of_events": round(len(contagion_events) / max(1, sum(counts.values())), 3),
        "unrecorded_ties": len(unrecorded),
        "earlier_victims": sorted({i["person"] for i in before if i["role"] == "victim"}),
        "future_victims": sorted({i["person"] for i in after if i["role"] == "victim"}),
        "future_perpetrators": sorted({i["person"] for i in after if i["role"] == "perpetrator"}),
        "future_events": sorted({i["event"] for i in after}),
        "future_involvements": after,
    }


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth's method, or a rounded normal for large means)."""
    if mean > 50:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    threshold, count, product = math.exp(-mean), 0, rng.random()
    while product > threshold:
        count += 1
        product *= rng.random()
    return count


def plant_well_connected(
    world: World, rng: random.Random, picker: PeoplePicker, count: int
) -> list[str]:
    """Plant people with many family and social ties and no exposure to violence."""
    hubs: list[str] = []
    for _ in range(count):
        hub = picker.first_eligible(
            world.start, lambda p: 30 <= p.age_on(world.start) <= 65, reserve=True
        )
        for _ in range(rng.randint(10, 16)):
            friend = picker.alive(world.start, where=lambda p: p.age_on(world.start) >= 18)
            if friend.id != hub.id:
                world.associations.append(
                    Association(
                        hub.id,
                        friend.id,
                        rng.choice(("family", "social_media", "associate")),
                        world.start - timedelta(days=rng.randint(10, 900)),
                    )
                )
        hubs.append(hub.id)
    return hubs
