"""The visual language: one shape and colour per kind, one line style per role, a legend.

Roles are told apart by line style and by the edge's text label, never by colour alone, so
views work in greyscale print and for colour-blind readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

__all__ = [
    "KIND_STYLES",
    "ROLE_STYLES",
    "KindStyle",
    "RoleStyle",
    "kind_style",
    "role_style",
    "with_time",
]


@dataclass(frozen=True)
class KindStyle:
    """How an entity kind is drawn."""

    shape: str  # a vis-network shape
    colour: str
    description: str


@dataclass(frozen=True)
class RoleStyle:
    """How a role on a tie is drawn: dash pattern, width and arrow, plus its words."""

    dashes: tuple[int, ...] | bool
    width: int
    description: str


# Okabe-Ito colours (distinguishable with the common colour-vision deficiencies).
KIND_STYLES: dict[str, KindStyle] = {
    "Person": KindStyle("dot", "#0072B2", "person"),
    "Death": KindStyle("star", "#000000", "death report"),
    "Incident": KindStyle("triangle", "#D55E00", "police incident"),
    "Place": KindStyle("square", "#009E73", "place"),
    "PartnerContact": KindStyle("hexagon", "#CC79A7", "partner-agency contact"),
    "Object": KindStyle("diamond", "#E69F00", "object (phone, vehicle...)"),
    "Communication": KindStyle("triangleDown", "#56B4E9", "call or message"),
    "Organisation": KindStyle("box", "#999999", "organisation"),
    "Group": KindStyle("ellipse", "#BBBBBB", "group of entities not shown one by one"),
}

ROLE_STYLES: dict[str, RoleStyle] = {
    "victim": RoleStyle((2, 6), 3, "victim: dotted, thick"),
    "deceased": RoleStyle((2, 6), 3, "deceased: dotted, thick"),
    "suspect": RoleStyle(False, 4, "suspect: solid, thickest"),
    "offender": RoleStyle(False, 4, "offender: solid, thickest"),
    "witness": RoleStyle((10, 6), 1, "witness: long dashes, thin"),
    "found_by": RoleStyle((10, 6), 1, "found by: long dashes, thin"),
    "reported_by": RoleStyle((10, 6), 1, "reported by: long dashes, thin"),
    "last_seen_with": RoleStyle((14, 4, 2, 4), 2, "last seen with: dash-dot"),
}
_DEFAULT_ROLE = RoleStyle(False, 1, "other tie: solid, thin")


def kind_style(kind: str) -> KindStyle:
    """The style of a kind (unknown kinds are drawn as organisations are)."""
    return KIND_STYLES.get(kind, KIND_STYLES["Organisation"])


def role_style(role: str | None) -> RoleStyle:
    """The style of a role on a tie."""
    return ROLE_STYLES.get(role or "", _DEFAULT_ROLE)


def with_time(day: date, moment: datetime | None) -> str:
    """An event's date, with its time of day when the source recorded one (local UK time).

    Examples
    --------
    >>> with_time(date(2025, 3, 14), datetime(2025, 3, 14, 16, 37))
    '2025-03-14 16:37'
    >>> with_time(date(2025, 3, 15), None)
    '2025-03-15'
    """
    return f"{moment:%Y-%m-%d %H:%M}" if moment is not None else day.isoformat()
