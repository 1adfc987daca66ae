"""A plausible force area: four local policing areas, their towns, streets and places.

The towns, their approximate centres, populations and postcode districts are public
geography (West Mercia's four local policing areas: Herefordshire, Shropshire, Telford &
Wrekin, Worcestershire; about 1.3 million residents). Street names, house numbers, postcode
units and UPRNs are invented, so an address may look real but describes no real household.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

__all__ = ["AREAS", "TOWNS", "Place", "Town", "build_places"]

AREAS = ("Herefordshire", "Shropshire", "Telford & Wrekin", "Worcestershire")


@dataclass(frozen=True)
class Town:
    """A town: where it is, how many live there, its postcode districts, its river if any."""

    name: str
    area: str
    latitude: float
    longitude: float
    population: int
    districts: tuple[str, ...]
    river: str | None = None


TOWNS: tuple[Town, ...] = (
    Town("Hereford", "Herefordshire", 52.0567, -2.7150, 61_000, ("HR1", "HR2", "HR4"), "River Wye"),
    Town("Leominster", "Herefordshire", 52.2272, -2.7370, 12_000, ("HR6",), "River Lugg"),
    Town("Ross-on-Wye", "Herefordshire", 51.9140, -2.5870, 11_000, ("HR9",), "River Wye"),
    Town("Ledbury", "Herefordshire", 52.0350, -2.4230, 10_000, ("HR8",)),
    Town("Kington", "Herefordshire", 52.2030, -3.0300, 3_000, ("HR5",)),
    Town(
        "Shrewsbury", "Shropshire", 52.7077, -2.7540, 76_000, ("SY1", "SY2", "SY3"), "River Severn"
    ),
    Town("Oswestry", "Shropshire", 52.8600, -3.0540, 18_000, ("SY10", "SY11")),
    Town("Bridgnorth", "Shropshire", 52.5350, -2.4190, 12_000, ("WV15", "WV16"), "River Severn"),
    Town("Ludlow", "Shropshire", 52.3680, -2.7180, 11_000, ("SY8",), "River Teme"),
    Town("Market Drayton", "Shropshire", 52.9040, -2.4840, 12_000, ("TF9",)),
    Town("Whitchurch", "Shropshire", 52.9690, -2.6820, 10_000, ("SY13",)),
    Town("Church Stretton", "Shropshire", 52.5380, -2.8050, 4_000, ("SY6",)),
    Town(
        "Telford",
        "Telford & Wrekin",
        52.6766,
        -2.4469,
        150_000,
        ("TF1", "TF2", "TF3", "TF4", "TF7"),
    ),
    Town("Newport", "Telford & Wrekin", 52.7700, -2.3790, 12_000, ("TF10",)),
    Town("Wellington", "Telford & Wrekin", 52.7010, -2.5170, 25_000, ("TF1",)),
    Town(
        "Worcester",
        "Worcestershire",
        52.1920,
        -2.2200,
        103_000,
        ("WR1", "WR2", "WR3", "WR4", "WR5"),
        "River Severn",
    ),
    Town(
        "Kidderminster", "Worcestershire", 52.3880, -2.2490, 56_000, ("DY10", "DY11"), "River Stour"
    ),
    Town("Redditch", "Worcestershire", 52.3090, -1.9400, 85_000, ("B97", "B98")),
    Town("Bromsgrove", "Worcestershire", 52.3350, -2.0610, 35_000, ("B60", "B61")),
    Town("Malvern", "Worcestershire", 52.1130, -2.3250, 30_000, ("WR14",)),
    Town("Evesham", "Worcestershire", 52.0920, -1.9470, 24_000, ("WR11",), "River Avon"),
    Town("Droitwich Spa", "Worcestershire", 52.2670, -2.1530, 25_000, ("WR9",)),
    Town(
        "Stourport-on-Severn", "Worcestershire", 52.3390, -2.2800, 20_000, ("DY13",), "River Severn"
    ),
    Town("Pershore", "Worcestershire", 52.1110, -2.0780, 7_000, ("WR10",), "River Avon"),
)

_STREET_STEMS = (
    "Church",
    "Mill",
    "Station",
    "Park",
    "Victoria",
    "Albert",
    "Queens",
    "Kings",
    "Manor",
    "School",
    "Castle",
    "Bridge",
    "Green",
    "Chapel",
    "Orchard",
    "Meadow",
    "Abbey",
    "Market",
    "Windsor",
    "York",
    "Severn",
    "Elm",
    "Oak",
    "Ash",
    "Beech",
    "Willow",
    "Cedar",
    "Holly",
    "Hawthorn",
    "Priory",
    "Grange",
    "Hill",
    "Valley",
    "Forge",
    "Wharf",
    "Canal",
    "Brook",
    "Spring",
    "Lime",
    "Chestnut",
    "Sycamore",
    "Rowan",
    "Laburnum",
    "Coronation",
    "Jubilee",
    "Malvern",
    "Wrekin",
    "Clee",
    "Teme",
    "Lugg",
    "Offa",
    "Caradoc",
    "Stretton",
    "Bewdley",
)
_STREET_KINDS = (
    "Road",
    "Street",
    "Lane",
    "Close",
    "Avenue",
    "Drive",
    "Way",
    "Crescent",
    "Grove",
    "Gardens",
)
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # letters used in postcode units

# Non-residential places per 10,000 residents (at least one of each kind in the area), by type.
_AMENITIES_PER_10K = {
    "park": 2.0,
    "churchyard": 1.5,
    "hotel": 0.6,
    "hostel": 0.3,
    "licensed_premises": 4.0,
    "care_home": 1.2,
    "retail": 3.0,
    "transport": 0.4,
    "street": 2.0,
}
_AMENITY_NAMES = {
    "park": ("{stem} Park", "{stem} Recreation Ground", "{stem} Playing Fields"),
    "churchyard": (
        "St Mary's Churchyard",
        "St Michael's Churchyard",
        "St Peter's Churchyard",
        "All Saints' Churchyard",
        "Holy Trinity Churchyard",
        "St John's Churchyard",
    ),
    "hotel": ("The {stem} Hotel", "{stem} Lodge", "{stem} House Hotel"),
    "hostel": ("{stem} House Hostel", "{stem} Court Supported Housing", "{stem} Night Shelter"),
    "licensed_premises": (
        "The {stem} Arms",
        "The Red Lion",
        "The White Hart",
        "The Crown",
        "The {stem} Inn",
        "The Plough",
        "The Swan",
        "{stem} Social Club",
    ),
    "care_home": ("{stem} Care Home", "{stem} Lodge Nursing Home", "{stem} View Residential Home"),
    "retail": ("{stem} Retail Park", "{stem} Shopping Centre", "{stem} Parade"),
    "transport": ("{town} Railway Station", "{town} Bus Station"),
    "street": ("{stem} Underpass", "{stem} Alley", "{stem} Car Park"),
}


@dataclass(frozen=True)
class Place:
    """A place in the synthetic force area (the truth, before any extract renders it)."""

    uprn: str
    name: str | None
    house_number: int | None
    street: str
    town: str
    area: str
    postcode: str
    latitude: float
    longitude: float
    place_type: str

    @property
    def address(self) -> str:
        """The single-line postal address."""
        if self.name:
            return f"{self.name}, {self.street}, {self.town}"
        if self.house_number:
            return f"{self.house_number} {self.street}, {self.town}"
        return f"{self.street}, {self.town}"


def _postcode(rng: random.Random, district: str) -> str:
    return f"{district} {rng.randint(1, 9)}{rng.choice(_UNIT_LETTERS)}{rng.choice(_UNIT_LETTERS)}"


def _near(rng: random.Random, latitude: float, longitude: float, km: float) -> tuple[float, float]:
    # 1 degree of latitude ~ 111 km; of longitude at 52 N ~ 68.5 km
    return (
        round(latitude + rng.gauss(0, km / 111.0), 6),
        round(longitude + rng.gauss(0, km / 68.5), 6),
    )


def _town_spread_km(town: Town) -> float:
    return 0.6 + (town.population / 150_000) ** 0.5 * 2.0


def build_places(
    rng: random.Random, *, households: int, residents: int
) -> tuple[list[Place], list[Place]]:
    """Build residential addresses and amenities in proportion to town populations.

    Parameters
    ----------
    rng
        Seeded random source.
    households
        Number of residential addresses to make.
    residents
        Number of residents (sizes the amenities).

    Returns
    -------
    tuple[list[Place], list[Place]]
        Residential places, then amenities (parks, churchyards, hostels, rivers...), each
        with a UPRN that is unique across both lists.
    """
    total_population = sum(town.population for town in TOWNS)
    uprn = iter(range(100_070_000_000, 100_999_999_999))
    homes: list[Place] = []
    amenities: list[Place] = []
    for town in TOWNS:
        share = town.population / total_population
        town_households = max(1, round(households * share))
        spread = _town_spread_km(town)
        street_count = max(1, town_households // 25)
        streets = []
        for _ in range(street_count):
            street = f"{rng.choice(_STREET_STEMS)} {rng.choice(_STREET_KINDS)}"
            postcode = _postcode(rng, rng.choice(town.districts))
            streets.append((street, postcode, *_near(rng, town.latitude, town.longitude, spread)))
        numbers: dict[str, int] = {}
        for _ in range(town_households):
            street, postcode, lat, lon = rng.choice(streets)
            numbers[street + postcode] = numbers.get(street + postcode, 0) + 1
            jitter_lat, jitter_lon = _near(rng, lat, lon, 0.08)
            homes.append(
                Place(
                    str(next(uprn)),
                    None,
                    numbers[street + postcode],
                    street,
                    town.name,
                    town.area,
                    postcode,
                    jitter_lat,
                    jitter_lon,
                    "residential",
                )
            )
        town_residents = residents * share
        for place_type, per_10k in _AMENITIES_PER_10K.items():
            count = int(town_residents * per_10k / 10_000 + rng.random())
            if town is TOWNS[0] or town.name in ("Shrewsbury", "Telford", "Worcester"):
                count = max(count, 1)  # every kind exists somewhere in each large area
            for _ in range(count):
                amenities.append(_amenity(rng, next(uprn), town, place_type, spread))
        if town.name in (
            "Hereford",
            "Shrewsbury",
            "Telford",
            "Worcester",
            "Kidderminster",
            "Redditch",
        ):
            amenities.append(_amenity(rng, next(uprn), town, "hospital", spread / 2))
        if town.river:
            for _ in range(max(1, int(town_residents / 40_000 + rng.random()))):
                lat, lon = _near(rng, town.latitude, town.longitude, spread / 2)
                amenities.append(
                    Place(
                        str(next(uprn)),
                        f"{town.river} riverbank",
                        None,
                        "Riverside Walk",
                        town.name,
                        town.area,
                        _postcode(rng, town.districts[0]),
                        lat,
                        lon,
                        "river",
                    )
                )
    return homes, amenities


def _amenity(rng: random.Random, uprn: int, town: Town, place_type: str, spread: float) -> Place:
    stem = rng.choice(_STREET_STEMS)
    template = rng.choice(_AMENITY_NAMES.get(place_type, ("{town} General Hospital",)))
    if place_type == "hospital":
        template = "{town} County Hospital"
    name = template.format(stem=stem, town=town.name)
    lat, lon = _near(rng, town.latitude, town.longitude, spread)
    street = f"{rng.choice(_STREET_STEMS)} {rng.choice(_STREET_KINDS)}"
    return Place(
        str(uprn),
        name,
        None,
        street,
        town.name,
        town.area,
        _postcode(rng, rng.choice(town.districts)),
        lat,
        lon,
        place_type,
    )
