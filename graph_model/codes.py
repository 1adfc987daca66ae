"""Matching the codes a source writes to the model's code lists, declared once.

Every force writes "Male", "M" or "male"; "Public Place" or "public place"; "A&E" or
"Emergency Department". A value that is one of a code list's own codes, written in any case,
with spaces, hyphens or underscores between its words ("Licensed Premises" is
``licensed_premises``), or one of the synonyms declared here for that list, is that code.
Anything else is left as it is, and the model's validation says it is not a known code.

The synonyms are deliberately few and unambiguous: a term that could mean two codes (is a
"flat" residential, or a hostel room?) is left for a mapping's ``codes:`` to decide, where a
person chose the meaning for that source.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from enum import StrEnum
from functools import cache
from typing import Any

from pydantic import BaseModel

from graph_model.kinds import (
    Agency,
    ApparentCause,
    AssociationKind,
    CommunicationChannel,
    ContactType,
    CoronerOutcome,
    DeathClassification,
    DeathRole,
    IncidentRole,
    ObjectKind,
    OffenceCategory,
    OrganisationType,
    PlaceType,
    RiskMarker,
    Sex,
)

__all__ = ["CODE_SYNONYMS", "code_fields", "code_key", "match_code", "with_model_codes"]

#: Other names for codes, per code list: synonym -> code. Keys are written as they read;
#: they are matched through :func:`code_key`.
CODE_SYNONYMS: Mapping[type[StrEnum], Mapping[str, StrEnum]] = {
    Sex: {
        "m": Sex.MALE,
        "man": Sex.MALE,
        "f": Sex.FEMALE,
        "woman": Sex.FEMALE,
        "u": Sex.UNKNOWN,
        "not known": Sex.UNKNOWN,
        "not stated": Sex.UNKNOWN,
    },
    IncidentRole: {
        "aggrieved": IncidentRole.VICTIM,
        "injured party": IncidentRole.VICTIM,
        "complainant": IncidentRole.VICTIM,
        "suspected offender": IncidentRole.SUSPECT,
        "perpetrator": IncidentRole.OFFENDER,
        "informant": IncidentRole.REPORTING_PERSON,
        "reporter": IncidentRole.REPORTING_PERSON,
        "caller": IncidentRole.REPORTING_PERSON,
    },
    DeathRole: {
        "deceased person": DeathRole.DECEASED,
        "the deceased": DeathRole.DECEASED,
        "finder": DeathRole.FOUND_BY,
        "found by": DeathRole.FOUND_BY,
        "informant": DeathRole.REPORTED_BY,
        "reporter": DeathRole.REPORTED_BY,
        "reported by": DeathRole.REPORTED_BY,
        "last seen with": DeathRole.LAST_SEEN_WITH,
    },
    AssociationKind: {
        "ex partner": AssociationKind.EX_PARTNER,
        "former partner": AssociationKind.EX_PARTNER,
        "family member": AssociationKind.FAMILY,
        "relative": AssociationKind.FAMILY,
        "associate of": AssociationKind.ASSOCIATE,
        "co accused": AssociationKind.CO_OFFENDER,
        "co defendant": AssociationKind.CO_OFFENDER,
    },
    PlaceType: {
        "dwelling": PlaceType.RESIDENTIAL,
        "private dwelling": PlaceType.RESIDENTIAL,
        "home address": PlaceType.RESIDENTIAL,
        "public house": PlaceType.LICENSED_PREMISES,
        "pub": PlaceType.LICENSED_PREMISES,
        "nightclub": PlaceType.LICENSED_PREMISES,
        "cemetery": PlaceType.CHURCHYARD,
        "graveyard": PlaceType.CHURCHYARD,
        "nursing home": PlaceType.CARE_HOME,
        "residential care home": PlaceType.CARE_HOME,
        "canal": PlaceType.RIVER,
        "waterway": PlaceType.RIVER,
        "road": PlaceType.STREET,
        "highway": PlaceType.STREET,
        "shop": PlaceType.RETAIL,
        "railway station": PlaceType.TRANSPORT,
        "bus station": PlaceType.TRANSPORT,
        "open space": PlaceType.PUBLIC_PLACE,
        "car park": PlaceType.PUBLIC_PLACE,
        "public toilets": PlaceType.PUBLIC_PLACE,
    },
    ApparentCause: {
        "overdose": ApparentCause.DRUG_TOXICITY,
        "drug overdose": ApparentCause.DRUG_TOXICITY,
        "drugs": ApparentCause.DRUG_TOXICITY,
        "alcohol toxicity": ApparentCause.ALCOHOL,
        "stab wound": ApparentCause.SHARP_FORCE,
        "stabbing": ApparentCause.SHARP_FORCE,
        "rtc": ApparentCause.ROAD_TRAFFIC,
        "road traffic collision": ApparentCause.ROAD_TRAFFIC,
        "natural causes": ApparentCause.NATURAL,
        "not known": ApparentCause.UNKNOWN,
        "unascertained": ApparentCause.UNKNOWN,
    },
    DeathClassification: {
        "non suspicious": DeathClassification.UNEXPECTED_NON_SUSPICIOUS,
        "sudden death": DeathClassification.UNEXPLAINED,
        "unexplained death": DeathClassification.UNEXPLAINED,
        "suspicious death": DeathClassification.SUSPICIOUS,
        "murder": DeathClassification.HOMICIDE,
        "manslaughter": DeathClassification.HOMICIDE,
    },
    CoronerOutcome: {
        "awaiting inquest": CoronerOutcome.PENDING,
        "inquest pending": CoronerOutcome.PENDING,
        "natural": CoronerOutcome.NATURAL_CAUSES,
        "accidental death": CoronerOutcome.ACCIDENT,
        "unlawfully killed": CoronerOutcome.UNLAWFUL_KILLING,
        "open conclusion": CoronerOutcome.OPEN,
        "narrative conclusion": CoronerOutcome.NARRATIVE,
    },
    OffenceCategory: {
        "murder": OffenceCategory.HOMICIDE,
        "manslaughter": OffenceCategory.HOMICIDE,
        "abh": OffenceCategory.VIOLENCE_WITH_INJURY,
        "gbh": OffenceCategory.VIOLENCE_WITH_INJURY,
        "common assault": OffenceCategory.VIOLENCE_WITHOUT_INJURY,
        "strangulation": OffenceCategory.NON_FATAL_STRANGULATION,
        "harassment": OffenceCategory.STALKING_HARASSMENT,
        "stalking": OffenceCategory.STALKING_HARASSMENT,
        "asb": OffenceCategory.ANTI_SOCIAL_BEHAVIOUR,
        "domestic": OffenceCategory.DOMESTIC_INCIDENT,
    },
    RiskMarker: {
        "choking": RiskMarker.STRANGULATION,
        "non fatal strangulation": RiskMarker.STRANGULATION,
        "coercive and controlling behaviour": RiskMarker.COERCIVE_CONTROL,
        "pregnant": RiskMarker.PREGNANCY,
    },
    Agency: {
        "police force": Agency.POLICE,
        "health": Agency.NHS,
        "council": Agency.LOCAL_AUTHORITY,
        "la": Agency.LOCAL_AUTHORITY,
    },
    ContactType: {
        "a&e": ContactType.AE_ATTENDANCE,
        "a and e": ContactType.AE_ATTENDANCE,
        "emergency department": ContactType.AE_ATTENDANCE,
        "ed attendance": ContactType.AE_ATTENDANCE,
        "gp": ContactType.GP_CONTACT,
        "gp appointment": ContactType.GP_CONTACT,
        "ambulance": ContactType.AMBULANCE_CALLOUT,
        "mental health": ContactType.MENTAL_HEALTH_CONTACT,
        "safeguarding": ContactType.SAFEGUARDING_REFERRAL,
        "asb": ContactType.ANTI_SOCIAL_BEHAVIOUR,
        "marac": ContactType.MARAC_REFERRAL,
    },
    OrganisationType: {
        "police": OrganisationType.POLICE_FORCE,
        "nhs": OrganisationType.NHS_TRUST,
        "gp surgery": OrganisationType.GP_PRACTICE,
        "council": OrganisationType.LOCAL_AUTHORITY,
    },
    ObjectKind: {
        "mobile phone": ObjectKind.PHONE,
        "telephone": ObjectKind.PHONE,
        "car": ObjectKind.VEHICLE,
        "knife": ObjectKind.WEAPON,
        "e mail": ObjectKind.EMAIL,
    },
    CommunicationChannel: {
        "voice": CommunicationChannel.CALL,
        "phone call": CommunicationChannel.CALL,
        "text": CommunicationChannel.SMS,
        "text message": CommunicationChannel.SMS,
    },
}


def code_key(text: object) -> str:
    """A code as it is matched: case-folded, hyphens and underscores read as spaces.

    Examples
    --------
    >>> code_key("  Licensed_Premises "), code_key("Non-Suspicious")
    ('licensed premises', 'non suspicious')
    """
    return " ".join(str(text).casefold().replace("_", " ").replace("-", " ").split())


@cache
def _lookup(codes: type[StrEnum]) -> dict[str, StrEnum]:
    table: dict[str, StrEnum] = {}
    for member in codes:
        table[code_key(member.value)] = member
    for synonym, member in CODE_SYNONYMS.get(codes, {}).items():
        key = code_key(synonym)
        if table.get(key, member) is not member:
            raise ValueError(f"{codes.__name__}: synonym {synonym!r} is already {table[key]!r}")
        table[key] = member
    return table


def match_code(codes: type[StrEnum], text: str) -> StrEnum | None:
    """The code of ``codes`` that ``text`` names, or None if it names none.

    Examples
    --------
    >>> match_code(PlaceType, "Public Place"), match_code(PlaceType, "Car park")
    (<PlaceType.PUBLIC_PLACE: 'public_place'>, <PlaceType.PUBLIC_PLACE: 'public_place'>)
    >>> match_code(Sex, "F"), match_code(Sex, "Other") is None
    (<Sex.FEMALE: 'female'>, True)
    """
    return _lookup(codes).get(code_key(text))


def _code_list(annotation: Any) -> type[StrEnum] | None:
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for argument in typing.get_args(annotation):
            found = _code_list(argument)
            if found is not None:
                return found
    return None


@cache
def code_fields(model: type[BaseModel]) -> dict[str, type[StrEnum]]:
    """The fields of a model that hold codes (one, optional, or a list), and their code list.

    Examples
    --------
    >>> from graph_model.nodes import Place
    >>> code_fields(Place)
    {'marking': <enum 'ProtectiveMarking'>, 'place_type': <enum 'PlaceType'>}
    """
    found = {name: _code_list(info.annotation) for name, info in model.model_fields.items()}
    return {name: codes for name, codes in found.items() if codes is not None}


def _matched(codes: type[StrEnum], value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, StrEnum):
        return match_code(codes, value) or value
    return value


def with_model_codes(model: type[BaseModel], values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with every text naming one of a code field's codes replaced by that code.

    Text that names no code is left for the model's validation to refuse, with its message.

    Examples
    --------
    >>> from graph_model.nodes import Place
    >>> with_model_codes(Place, {"place_type": "Car Park", "address": "car park"})
    {'place_type': <PlaceType.PUBLIC_PLACE: 'public_place'>, 'address': 'car park'}
    """
    fields = code_fields(model)
    if not fields:
        return values
    out = dict(values)
    for name, codes in fields.items():
        value = out.get(name)
        if isinstance(value, list):
            out[name] = [_matched(codes, item) for item in value]
        elif value is not None:
            out[name] = _matched(codes, value)
    return out


def _check_declarations() -> None:
    # Built at import, so a synonym that clashes with a code fails at start-up, not mid-load.
    for codes in CODE_SYNONYMS:
        _lookup(codes)


_check_declarations()
