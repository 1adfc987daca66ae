"""Generator settings: scales, dates, how many patterns to plant, and identity-noise rates."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from synthetic.layouts import STANDARD, load_layouts

__all__ = ["GeneratorConfig", "NoiseRates", "Scale", "config_for"]


class Scale(StrEnum):
    """Preset sizes: tiny for unit tests, small for the demo, medium and large for benchmarks."""

    TINY = "tiny"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


PEOPLE_BY_SCALE = {
    Scale.TINY: 300,
    Scale.SMALL: 5_000,
    Scale.MEDIUM: 100_000,
    Scale.LARGE: 1_000_000,
}


class NoiseRates(BaseModel):
    """Probabilities of each kind of identity noise in one source's person records.

    Each applies independently to an eligible record (a nickname needs a forename that has
    one; a day/month swap needs a day of 12 or less that differs from the month; a
    transliteration needs a name with other spellings; a former surname needs a record made
    after its person changed surname on marriage). Records made before such a change always
    show the former surname: that is the world, not noise, but it is recorded as
    ``surname_change`` like the stale name.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    nickname: float = Field(0.12, ge=0, le=1)
    forename_typo: float = Field(0.03, ge=0, le=1)
    surname_typo: float = Field(0.04, ge=0, le=1)
    hyphen_variant: float = Field(0.5, ge=0, le=1, description="Of double-barrelled surnames.")
    dob_missing: float = Field(0.05, ge=0, le=1)
    dob_day_month_swap: float = Field(0.03, ge=0, le=1)
    stale_address: float = Field(0.3, ge=0, le=1, description="Of records after a move.")
    # Noise the linker was not built around (issue #12).
    transliteration: float = Field(
        0.25, ge=0, le=1, description="Of names with other spellings (Mohammed, Muhammad)."
    )
    double_typo: float = Field(0.01, ge=0, le=1, description="Two typing errors in one name.")
    first_letter: float = Field(0.01, ge=0, le=1, description="The first letter of a name wrong.")
    name_swap: float = Field(0.02, ge=0, le=1, description="Forename and surname swapped.")
    dob_digit_typo: float = Field(0.02, ge=0, le=1, description="One digit of the date wrong.")
    former_surname: float = Field(
        0.3, ge=0, le=1, description="Of records after a marriage, still the former surname."
    )


#: Per-source noise: registers are clean, NHS has NHS numbers, LA and death witnesses are messy.
DEFAULT_NOISE: dict[str, NoiseRates] = {
    "police_nominals": NoiseRates(),
    "death_reports": NoiseRates(
        nickname=0.03,
        forename_typo=0.02,
        surname_typo=0.02,
        dob_missing=0.02,
        transliteration=0.1,
        double_typo=0.005,
        first_letter=0.005,
        name_swap=0.005,
        dob_digit_typo=0.01,
        former_surname=0.05,
    ),
    "death_report_people": NoiseRates(
        nickname=0.2,
        dob_missing=0.45,
        surname_typo=0.05,
        transliteration=0.4,
        double_typo=0.02,
        first_letter=0.03,
        name_swap=0.01,
        former_surname=0.4,
    ),
    "nhs_extract": NoiseRates(
        nickname=0.04,
        forename_typo=0.03,
        surname_typo=0.03,
        dob_missing=0.01,
        dob_day_month_swap=0.02,
        transliteration=0.15,
        name_swap=0.01,
        former_surname=0.1,
    ),
    "local_authority": NoiseRates(
        nickname=0.15,
        forename_typo=0.05,
        surname_typo=0.05,
        dob_missing=0.12,
        dob_day_month_swap=0.05,
        transliteration=0.3,
        double_typo=0.02,
        first_letter=0.02,
        name_swap=0.03,
        dob_digit_typo=0.03,
        former_surname=0.4,
    ),
    "people_register": NoiseRates(
        nickname=0.0,
        forename_typo=0.01,
        surname_typo=0.01,
        dob_missing=0.02,
        dob_day_month_swap=0.0,
        stale_address=0.0,
        transliteration=0.05,
        double_typo=0.0,
        first_letter=0.005,
        name_swap=0.0,
        dob_digit_typo=0.005,
        former_surname=0.0,
    ),
}


class GeneratorConfig(BaseModel):
    """Everything that determines a generated data set (same config, byte-identical output)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    people: int = Field(ge=100, le=5_000_000)
    seed: int = Field(default=7, ge=0)
    end_date: date = Field(default=date(2026, 6, 30), description="Last day of the period.")
    years: int = Field(default=3, ge=1, le=10)
    nhs_number_present: float = Field(default=0.7, ge=0, le=1)
    police_duplicate_nominal: float = Field(default=0.05, ge=0, le=1)
    married_in_period: float = Field(
        default=0.1,
        ge=0,
        le=1,
        description="Of women sharing a partner's surname, the share who took it in the period.",
    )
    noise: dict[str, NoiseRates] = Field(default_factory=lambda: dict(DEFAULT_NOISE))
    scenarios: tuple[str, ...] | None = Field(
        default=None, description="Scenario names to plant (None: every packaged scenario)."
    )
    layout: str = Field(
        default=STANDARD, description="How the extracts are written (``synthetic/layouts``)."
    )

    @field_validator("layout")
    @classmethod
    def _known_layout(cls, value: str) -> str:
        known = load_layouts()
        if value not in known:
            raise ValueError(f"unknown layout {value!r}; known: {', '.join(known)}")
        return value

    @model_validator(mode="after")
    def _end_not_in_future(self) -> GeneratorConfig:
        if self.end_date > date.today():
            raise ValueError(f"end_date {self.end_date} is in the future")
        return self

    @property
    def start_date(self) -> date:
        """First day of the period."""
        return date(self.end_date.year - self.years, self.end_date.month, 1)

    @property
    def scale_factor(self) -> float:
        """People relative to the small scale; planted-pattern counts grow with its root."""
        return self.people / PEOPLE_BY_SCALE[Scale.SMALL]

    def planted(self, small_scale_count: int, *, floor: int) -> int:
        """How many of a planted pattern to make.

        ``small_scale_count`` at the small scale, growing with the square root of the
        population, never below ``floor``.
        """
        return max(floor, round(small_scale_count * self.scale_factor**0.5))


def config_for(
    scale: Scale | None,
    *,
    people: int | None = None,
    seed: int = 7,
    end_date: date | None = None,
    scenarios: tuple[str, ...] | None = None,
    layout: str = STANDARD,
) -> GeneratorConfig:
    """Build the config for a preset scale or an explicit number of people.

    Parameters
    ----------
    scale
        A preset; ignored when ``people`` is given.
    people
        Explicit population size.
    seed
        Random seed.
    end_date
        Last day of the period (defaults to 2026-06-30, fixed so output is reproducible).
    scenarios
        Scenario names to plant; None plants every packaged scenario.
    layout
        The extract layout (``linkwatch generate --list-layouts``).

    Returns
    -------
    GeneratorConfig
        The validated configuration.
    """
    size = people if people is not None else PEOPLE_BY_SCALE[scale or Scale.SMALL]
    extra = {"end_date": end_date} if end_date else {}
    return GeneratorConfig(people=size, seed=seed, scenarios=scenarios, layout=layout, **extra)
