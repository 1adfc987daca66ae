"""Typed documents for every analysis: what ``--json`` prints and the API serves.

Each document is a pydantic model with an explicit allow-list of fields, so nothing leaves
the service that was not chosen to, and its JSON Schema is the documented schema
(``linkwatch analyse schema NAME``).
"""

from __future__ import annotations

from pydantic import BaseModel

from queries.documents.exposure import ExposureDocument
from queries.documents.investigation import (
    CommonAssociatesDocument,
    EgoDocument,
    PathsDocument,
    TimelineDocument,
)
from queries.documents.networks import (
    DangerousFamilyDocument,
    FamilyFriendsDocument,
    NetworksDocument,
    TrianglesDocument,
)
from queries.documents.precursors import AtRiskDyadsDocument, PrecursorDocument
from queries.documents.series import SeriesDocument

__all__ = ["DOCUMENTS", "json_schema"]

DOCUMENTS: dict[str, type[BaseModel]] = {
    "series": SeriesDocument,
    "exposure": ExposureDocument,
    "precursors": PrecursorDocument,
    "at-risk-dyads": AtRiskDyadsDocument,
    "networks": NetworksDocument,
    "family": DangerousFamilyDocument,
    "family-friends": FamilyFriendsDocument,
    "triangles": TrianglesDocument,
    "ego": EgoDocument,
    "paths": PathsDocument,
    "common": CommonAssociatesDocument,
    "timeline": TimelineDocument,
}


def json_schema(name: str) -> dict:
    """The JSON Schema of the document ``linkwatch analyse NAME --json`` prints.

    Raises
    ------
    KeyError
        For a name that is not an analysis.
    """
    return DOCUMENTS[name].model_json_schema(mode="serialization")
