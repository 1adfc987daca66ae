"""The scenario file format: what happens in a planted group of deaths, validated at load.

A scenario says what an offender (or nobody) does and what the agencies write down, never
which linking features to share. Files live beside this module as ``<name>.yaml``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal, Self

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from graph_model.errors import InvalidInput
from synthetic.codes import CAUSE_TEXT, OFFENCE_CODES, PLACE_CODES

__all__ = [
    "Scenario",
    "ScenarioError",
    "load_scenario",
    "load_scenarios",
    "scenario_files",
]

Role = Literal["finder", "reporter", "last_seen_with", "none"]


class ScenarioError(InvalidInput):
    """A scenario file that cannot be read or does not validate (names file and field)."""


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Strict):
    """An inclusive integer range, drawn uniformly."""

    min: int = Field(ge=0)
    max: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is greater than max {self.max}")
        return self


class OffenderRule(_Strict):
    """Who the offender (or the shared person of a decoy) is."""

    kind: Literal["resident", "gp", "care_staff", "hostel_staff", "friend", "none"]
    sex: Literal["M", "F", "any"] = "any"
    age: Span = Span(min=18, max=80)


class VictimRule(_Strict):
    """Who dies: sex, age on the day, vulnerability and relation to the offender."""

    sex: Literal["M", "F", "any"] = "any"
    age: Span
    vulnerability: Literal["none", "elderly", "rough_sleeper", "drug_user"] = "none"
    relation: Literal["stranger", "patient", "partner", "friend", "resident"] = "stranger"
    lives_within_m: int | None = Field(
        default=None, gt=0, description="Victims live this close to the offender (patients)."
    )


class PlaceRule(_Strict):
    """Where the bodies are found."""

    anchor: Literal["offender_home", "offender_workplace", "place_type", "victim_home", "town"]
    place_types: tuple[str, ...] = ()
    within_m: int = Field(default=0, ge=0, description="Distance from the anchor, in metres.")
    same_spot: float = Field(
        default=0.0, ge=0, le=1, description="Chance a death reuses a place already used."
    )

    @model_validator(mode="after")
    def _known_types(self) -> Self:
        unknown = sorted(set(self.place_types) - set(PLACE_CODES))
        if unknown:
            raise ValueError(f"unknown place types {unknown}; known: {sorted(PLACE_CODES)}")
        if self.anchor in ("place_type",) and not self.place_types:
            raise ValueError("anchor 'place_type' needs place_types")
        return self


class MethodRule(_Strict):
    """Apparent cause (weights), substances (each present with a probability), hour found."""

    causes: dict[str, float]
    substances: dict[str, float] = Field(default_factory=dict)
    hours: tuple[int, ...] = tuple(range(24))

    @model_validator(mode="after")
    def _valid(self) -> Self:
        unknown = sorted(set(self.causes) - set(CAUSE_TEXT))
        if unknown:
            raise ValueError(f"unknown causes {unknown}; known: {sorted(CAUSE_TEXT)}")
        if not self.causes or min(self.causes.values()) < 0 or sum(self.causes.values()) <= 0:
            raise ValueError("causes need positive weights")
        if any(not 0 <= p <= 1 for p in self.substances.values()):
            raise ValueError("substance probabilities must be between 0 and 1")
        if any(not 0 <= h <= 23 for h in self.hours) or not self.hours:
            raise ValueError("hours must be 0-23")
        return self


class Precursor(_Strict):
    """An earlier police incident naming the offender (and perhaps the victim)."""

    kind: str
    probability: float = Field(ge=0, le=1)
    before: Literal["first", "each"] = "first"
    days_before: Span
    offender_role: Literal["suspect", "victim", "witness", "reporting_person"] = "suspect"
    victim: Literal["death_victim", "other", "none"] = "other"
    domestic: bool = False
    markers: tuple[str, ...] = ()
    outcome: str = "No further action"
    summary: str

    @model_validator(mode="after")
    def _known_kind(self) -> Self:
        if self.kind not in OFFENCE_CODES:
            raise ValueError(f"unknown incident kind {self.kind!r}; known: {sorted(OFFENCE_CODES)}")
        return self


class Placeholder(_Strict):
    """The offender's entry recorded under a placeholder instead of a name."""

    probability: float = Field(ge=0, le=1)
    text: str = Field(min_length=1)


class Recording(_Strict):
    """What the agencies record, and fail to record, about each death."""

    role_missing: float = Field(0.0, ge=0, le=1, description="Offender's role not written.")
    placeholder: Placeholder | None = None
    circumstances: tuple[str, ...] = Field(min_length=1)
    dob_missing: float = Field(0.0, ge=0, le=1, description="Deceased's date of birth blank.")
    property_missing: float = Field(0.0, ge=0, le=1, description="Victim's phone missing.")
    phones_recovered: bool = Field(False, description="Missing phones seized from the offender.")


class Scenario(_Strict):
    """One kind of planted group: a linked series or a decoy with a realistic base rate."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    family: Literal["series", "decoy"]
    description: str
    sources: tuple[str, ...] = ()
    groups: int = Field(ge=1, description="Groups planted at the small scale.")
    deaths: Span
    interval_days: Span
    offender: OffenderRule
    victims: VictimRule
    place: PlaceRule
    method: MethodRule
    offender_role: dict[Role, float] = Field(default_factory=lambda: {"none": 1.0})
    first_death_role: Role | None = None
    precursors: tuple[Precursor, ...] = ()
    recording: Recording

    @field_validator("offender_role")
    @classmethod
    def _probabilities(cls, roles: dict[Role, float]) -> dict[Role, float]:
        total = sum(roles.values())
        if min(roles.values(), default=0) < 0 or abs(total - 1.0) > 1e-6:
            raise ValueError(f"probabilities must sum to 1 (they sum to {total})")
        return roles

    @model_validator(mode="after")
    def _coherent(self) -> Self:
        if self.deaths.min < 1:
            raise ValueError("deaths.min must be at least 1")
        no_offender = self.offender.kind == "none"
        if no_offender and (set(self.offender_role) - {"none"} or self.precursors):
            raise ValueError("a scenario without an offender can give no offender role")
        anchored = self.place.anchor in ("offender_home", "offender_workplace")
        if no_offender and (anchored or self.victims.relation != "stranger"):
            raise ValueError("place or victims refer to an offender, but offender.kind is none")
        workplace = self.offender.kind in ("care_staff", "hostel_staff")
        if (self.place.anchor == "offender_workplace") != workplace:
            raise ValueError("anchor offender_workplace goes with care_staff or hostel_staff")
        return self


def scenario_files() -> list[Path]:
    """The packaged scenario files, sorted by name."""
    folder = resources.files("synthetic.scenarios")
    return sorted(Path(str(f)) for f in folder.iterdir() if str(f).endswith(".yaml"))


def _where(error: dict) -> str:
    return ".".join(str(part) for part in error["loc"]) or "(top level)"


def load_scenario(path: Path) -> Scenario:
    """Read and validate one scenario file.

    Parameters
    ----------
    path
        A ``.yaml`` scenario file.

    Returns
    -------
    Scenario
        The validated scenario.

    Raises
    ------
    ScenarioError
        If the file is not YAML or a field is missing or wrong; the message names the file
        and the field.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ScenarioError(f"Scenario file {path.name}: cannot be read ({error}).") from None
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise ScenarioError(
            f"Scenario file {path.name}: field {_where(first)}: {first['msg']}."
        ) from None
    if scenario.name != path.stem:
        raise ScenarioError(
            f"Scenario file {path.name}: field name: {scenario.name!r} differs from the file name."
        )
    return scenario


@cache
def load_scenarios() -> dict[str, Scenario]:
    """Every packaged scenario by name, series kinds first (each validated once)."""
    scenarios = [load_scenario(path) for path in scenario_files()]
    ordered = sorted(scenarios, key=lambda s: (s.family != "series", s.name))
    return {s.name: s for s in ordered}
