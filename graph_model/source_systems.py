"""Source systems: the built-in ones and those a mapping declares, with organisation and sector.

Every node and relationship names the system its record came from (``source_system``). The
built-in systems are :class:`graph_model.kinds.SourceSystem`; a mapping declares any other
(``source_systems: {probation: {organisation: ..., sector: probation}}``), so adding
probation or ambulance data needs no code. Each load writes a :class:`DataSource` node per
system it used, so a record's system can be shown with its organisation.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from graph_model.kinds import Sector, SourceSystem

__all__ = ["BUILT_IN_SYSTEMS", "SystemName", "data_source_id"]

#: A source system's name as records carry it: lower case, digits and underscores.
SystemName = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z][a-z0-9_]{0,39}$")
]

#: Built-in system -> (organisation, sector).
BUILT_IN_SYSTEMS: dict[str, tuple[str, Sector]] = {
    SourceSystem.POLICE_RECORDS: ("Police force records management system", Sector.POLICE),
    SourceSystem.DEATH_REPORTS: ("Police sudden-death reports (for the coroner)", Sector.POLICE),
    SourceSystem.NHS: ("NHS trust", Sector.HEALTH),
    SourceSystem.LOCAL_AUTHORITY: ("Local authority", Sector.LOCAL_AUTHORITY),
    SourceSystem.PEOPLE_REGISTER: ("Local authority people register", Sector.LOCAL_AUTHORITY),
    SourceSystem.POLE: ("Neo4j POLE dataset (police)", Sector.POLICE),
    SourceSystem.LINKWATCH: ("Linkwatch (derived: resolved people, decisions)", Sector.LINKWATCH),
}


def data_source_id(name: str) -> str:
    """The id of a system's DataSource node.

    Examples
    --------
    >>> data_source_id("probation")
    'source-system:probation'
    """
    return f"source-system:{name}"
