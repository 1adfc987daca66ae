"""The documents of ``analyse networks``, ``analyse family`` and ``analyse triangles``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from pydantic import Field

from queries.documents.base import Document, Part
from queries.networks.analysis import FAMILY_TIES, NetworkAnalysis, TriangleAnalysis

__all__ = [
    "DangerousFamilyDocument",
    "FamilyFriendsDocument",
    "NetworksDocument",
    "TrianglesDocument",
    "dangerous_family_document",
    "family_friends_document",
    "networks_document",
    "triangles_document",
]


class RepeatInvolvement(Part):
    """A person involved in several incidents in the period, on one side."""

    person: str
    name: str | None = None
    times: int
    incidents: list[str] = Field(description="Up to 20 incident ids.")


class CentralMember(Part):
    """A member of a community and their normalised betweenness."""

    person: str
    name: str | None = None
    betweenness: float


class CommunityOut(Part):
    """A densely tied group of the person network."""

    id: int
    size: int
    centre: list[CentralMember]
    members: list[str]


class VulnerablePerson(Part):
    """Party to no crime, but associated with many who are (POLE's "vulnerable people")."""

    person: str
    name: str | None = None
    associates_party_to_crime: int
    tie_kinds: list[str]
    associates: list[str] = Field(description="Up to 20 of those associates.")


TIES_FIELD = Field(None, description="The kinds of tie kept, or null for every kind.")


class NetworksDocument(Document):
    """Repeat victims and perpetrators, communities, and vulnerable people."""

    date_from: date
    date_to: date
    ties: list[str] | None = TIES_FIELD
    repeat_victims: list[RepeatInvolvement]
    repeat_perpetrators: list[RepeatInvolvement]
    people_in_network: int
    communities: list[CommunityOut]
    vulnerable_people: list[VulnerablePerson]


class ViolentCrime(Part):
    """A violent crime a relative was party to."""

    incident: str
    occurred_on: date
    offence: str
    role: str


class DangerousRelative(Part):
    """A family or household member party to violent crime."""

    person: str
    name: str | None = None
    ties: list[str] = Field(description="Kinds of family or household tie.")
    violent_crimes: int
    crimes: list[ViolentCrime] = Field(description="Up to ten, earliest first.")


class FamilyEntry(Part):
    """A person and their dangerous family associates."""

    person: str
    name: str | None = None
    party_to_crime: bool = Field(description="Whether the person is an offender themselves.")
    dangerous_relatives: int
    violent_crimes: int
    relatives: list[DangerousRelative]


class DangerousFamilyDocument(Document):
    """People whose family or household includes someone party to violent crime."""

    date_from: date | None
    date_to: date | None
    people: list[FamilyEntry]


class FamilyFriendsRelative(Part):
    """A relative party to no crime, and their friends who are."""

    person: str
    name: str | None = None
    ties: list[str] = Field(description="Kinds of family tie to the person.")
    friend_count: int = Field(description="The relative's friends party to crime.")
    friends: list[str] = Field(description="Up to 20 of them.")


class FamilyFriendsEntry(Part):
    """A person party to no crime, exposed through their relatives' friends."""

    person: str
    name: str | None = None
    family_friends: int = Field(description="Distinct friends of relatives party to crime.")
    relatives: list[FamilyFriendsRelative] = Field(description="Up to ten, most friends first.")


class FamilyFriendsDocument(Document):
    """POLE's "dangerous family friends": relatives' friends party to crime."""

    family_ties: list[str]
    friend_ties: list[str] | None = Field(description="Null for every kind.")
    living_together: bool
    people: list[FamilyFriendsEntry]


class Tie(Part):
    """One side of a triangle and the kinds of tie recorded on it."""

    a: str
    b: str
    kinds: list[str]


class TriangleMember(Part):
    """A member of a triangle and the crimes they were party to."""

    person: str
    name: str | None = None
    crimes: int
    violent_crimes: int


class TriangleOut(Part):
    """Three people each tied to the other two."""

    members: list[TriangleMember]
    ties: list[Tie]
    members_party_to_crime: int


class PersonTriangles(Part):
    """How many triangles a person is in, and how clustered their ties are."""

    person: str
    name: str | None = None
    triangles: int
    clustering: float = Field(description="Share of the person's pairs of ties that are tied.")


class TrianglesDocument(Document):
    """Triangles of associates ranked by criminal involvement, and the people in most."""

    as_of: date | None
    ties: list[str] | None = TIES_FIELD
    total_triangles: int
    triangles: list[TriangleOut]
    people: list[PersonTriangles]


def networks_document(
    analysis: NetworkAnalysis,
    vulnerable: Sequence[Mapping[str, Any]],
    *,
    date_from: date,
    date_to: date,
    limit: int,
    names: Mapping[str, str] | None = None,
    ties: Sequence[str] | None = None,
) -> NetworksDocument:
    """The network analysis as a document, ``limit`` rows per list, names where given."""
    names = names or {}

    def repeat(rows: Sequence[Mapping[str, Any]]) -> list[RepeatInvolvement]:
        return [RepeatInvolvement(**row, name=names.get(row["person"])) for row in rows[:limit]]

    return NetworksDocument(
        date_from=date_from,
        date_to=date_to,
        ties=sorted(set(ties)) if ties else None,
        repeat_victims=repeat(analysis.repeat_victims),
        repeat_perpetrators=repeat(analysis.repeat_perpetrators),
        people_in_network=analysis.people_in_network,
        communities=[
            CommunityOut(
                id=c.id,
                size=len(c.members),
                centre=[
                    CentralMember(person=p, name=names.get(p), betweenness=b) for p, b in c.centre
                ],
                members=list(c.members),
            )
            for c in analysis.communities[:limit]
        ],
        vulnerable_people=[
            VulnerablePerson(**row, name=names.get(row["person"])) for row in vulnerable
        ],
    )


def dangerous_family_document(
    rows: Sequence[Mapping[str, Any]],
    *,
    date_from: date | None,
    date_to: date | None,
    names: Mapping[str, str] | None = None,
) -> DangerousFamilyDocument:
    """Dangerous family associates as a document, names where given."""
    names = names or {}
    return DangerousFamilyDocument(
        date_from=date_from,
        date_to=date_to,
        people=[
            FamilyEntry(
                person=row["person"],
                name=names.get(row["person"]),
                party_to_crime=row["party_to_crime"],
                dangerous_relatives=row["dangerous_relatives"],
                violent_crimes=row["violent_crimes"],
                relatives=[
                    DangerousRelative(**relative, name=names.get(relative["person"]))
                    for relative in row["relatives"]
                ],
            )
            for row in rows
        ],
    )


def family_friends_document(
    rows: Sequence[Mapping[str, Any]],
    *,
    family_ties: Sequence[str] | None,
    friend_ties: Sequence[str] | None,
    living_together: bool,
    names: Mapping[str, str] | None = None,
) -> FamilyFriendsDocument:
    """Dangerous family friends as a document, names where given."""
    names = names or {}
    return FamilyFriendsDocument(
        family_ties=sorted(set(family_ties or (kind.value for kind in FAMILY_TIES))),
        friend_ties=sorted(set(friend_ties)) if friend_ties else None,
        living_together=living_together,
        people=[
            FamilyFriendsEntry(
                person=row["person"],
                name=names.get(row["person"]),
                family_friends=row["family_friends"],
                relatives=[
                    FamilyFriendsRelative(**relative, name=names.get(relative["person"]))
                    for relative in row["relatives"]
                ],
            )
            for row in rows
        ],
    )


def triangles_document(
    analysis: TriangleAnalysis,
    *,
    as_of: date | None,
    names: Mapping[str, str] | None = None,
    ties: Sequence[str] | None = None,
) -> TrianglesDocument:
    """Triangles as a document, names where given."""
    names = names or {}
    return TrianglesDocument(
        as_of=as_of,
        ties=sorted(set(ties)) if ties else None,
        total_triangles=analysis.total_triangles,
        triangles=[
            TriangleOut(
                members=[
                    TriangleMember(
                        person=p,
                        name=names.get(p),
                        crimes=t.crimes[position],
                        violent_crimes=t.violent_crimes[position],
                    )
                    for position, p in enumerate(t.people)
                ],
                ties=[Tie(a=a, b=b, kinds=list(kinds)) for a, b, kinds in t.ties],
                members_party_to_crime=t.members_party_to_crime,
            )
            for t in analysis.triangles
        ],
        people=[PersonTriangles(**row, name=names.get(row["person"])) for row in analysis.people],
    )
