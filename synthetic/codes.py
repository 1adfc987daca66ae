"""How each source system codes things: the translations an ingest mapping has to undo.

The offence codes are modelled on the Home Office counting-rules numbering but are synthetic;
the NHS gender codes follow the NHS Data Dictionary (1 male, 2 female, 9 not specified).
"""

from __future__ import annotations

__all__ = [
    "ASSOCIATION_CODES",
    "CAUSE_TEXT",
    "CLASSIFICATION_TEXT",
    "CORONER_TEXT",
    "DEATH_ROLE_TEXT",
    "LA_SERVICE",
    "NHS_GENDER",
    "OFFENCE_CODES",
    "PLACE_CODES",
    "POLICE_ROLE_CODES",
    "RISK_CODES",
]

#: Linkwatch offence category -> (force offence code, description)
OFFENCE_CODES: dict[str, tuple[str, str]] = {
    "homicide": ("1/1", "Murder"),
    "attempted_murder": ("2/0", "Attempted murder"),
    "violence_with_injury": ("8N/1", "Assault occasioning actual bodily harm"),
    "violence_without_injury": ("105A/1", "Common assault and battery"),
    "non_fatal_strangulation": ("8P/1", "Intentional strangulation or suffocation"),
    "stalking_harassment": ("8Q/1", "Stalking involving fear of violence"),
    "coercive_control": (
        "8U/1",
        "Controlling or coercive behaviour in an intimate or family relationship",
    ),
    "threats_to_kill": ("3A/1", "Threats to kill"),
    "sexual_offence": ("17A/1", "Sexual assault"),
    "robbery": ("34B/1", "Robbery of personal property"),
    "burglary": ("28E/1", "Burglary - residential"),
    "theft": ("49/1", "Other theft"),
    "criminal_damage": ("58C/1", "Criminal damage to a dwelling"),
    "drugs": ("92A/1", "Possession with intent to supply a controlled drug - Class A"),
    "weapons": ("10A/1", "Possession of article with blade or point"),
    "public_order": ("9A/1", "Public fear, alarm or distress"),
    "anti_social_behaviour": ("NC-ASB", "Anti-social behaviour (non-crime incident)"),
    "domestic_incident": ("NC-DOM", "Domestic incident (non-crime)"),
    "concern_for_welfare": ("NC-WELF", "Concern for welfare (non-crime incident)"),
    "missing_person": ("NC-MISPER", "Missing person report"),
}

RISK_CODES: dict[str, str] = {
    "strangulation": "STRANG",
    "threats_to_kill": "TTK",
    "stalking": "STALK",
    "coercive_control": "CCB",
    "separation": "SEP",
    "weapon": "WEAP",
    "suicide_threat": "SUIC",
    "injury": "INJ",
    "pregnancy": "PREG",
    "child_present": "CHILD",
    "substance_misuse": "SUBS",
    "escalation": "ESC",
}

POLICE_ROLE_CODES: dict[str, str] = {
    "victim": "VICTIM",
    "suspect": "SUSPECT",
    "offender": "OFFENDER",
    "witness": "WITNESS",
    "reporting_person": "REPORTER",
}

ASSOCIATION_CODES: dict[str, str] = {
    "partner": "PARTNER",
    "ex_partner": "EX-PARTNER",
    "family": "FAMILY",
    "associate": "ASSOCIATE",
    "co_offender": "CO-ACCUSED",
    "social_media": "SOCIAL MEDIA",
    "phone_contact": "PHONE CONTACT",
    "lives_with": "LIVES WITH",
}

PLACE_CODES: dict[str, str] = {
    "residential": "RES",
    "park": "PARK",
    "churchyard": "CHYD",
    "hotel": "HOTEL",
    "hostel": "HOSTEL",
    "licensed_premises": "LIC",
    "hospital": "HOSP",
    "care_home": "CARE",
    "river": "RIVER",
    "street": "STREET",
    "retail": "RETAIL",
    "transport": "TRANS",
    "other": "OTHER",
}

CAUSE_TEXT: dict[str, str] = {
    "drug_toxicity": "Suspected drug toxicity",
    "natural": "Natural causes (suspected)",
    "hanging": "Hanging",
    "alcohol": "Alcohol related",
    "fall": "Fall",
    "drowning": "Drowning",
    "road_traffic": "Road traffic collision",
    "fire": "Fire",
    "unknown": "Unknown / not apparent",
    "asphyxia": "Asphyxia",
    "sharp_force": "Sharp force injury",
    "blunt_force": "Blunt force injury",
}

CLASSIFICATION_TEXT: dict[str, str] = {
    "expected": "Expected",
    "unexpected_non_suspicious": "Unexpected - non suspicious",
    "unexplained": "Unexplained",
    "suspicious": "Suspicious",
    "homicide": "Homicide",
}

CORONER_TEXT: dict[str, str] = {
    "pending": "Awaiting inquest",
    "natural_causes": "Natural causes",
    "accident": "Accident",
    "misadventure": "Misadventure",
    "drug_related": "Drug related",
    "suicide": "Suicide",
    "unlawful_killing": "Unlawful killing",
    "open": "Open conclusion",
    "narrative": "Narrative conclusion",
}

DEATH_ROLE_TEXT: dict[str, str] = {
    "found_by": "Found by",
    "reported_by": "Reported by",
    "last_seen_with": "Last seen with",
    "suspect": "Suspect",
    "witness": "Witness",
}

NHS_GENDER: dict[str, str] = {"M": "1", "F": "2"}

LA_SERVICE: dict[str, str] = {
    "safeguarding_referral": "Adult Safeguarding",
    "social_care": "Children's Social Care",
    "housing": "Housing Options",
    "anti_social_behaviour": "Anti-Social Behaviour Team",
}
