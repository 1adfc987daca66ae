"""The common base of every analysis document (the JSON the CLI prints and the API serves)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

__all__ = ["REVIEW_NOTICE", "Document", "LocalDateTime", "Part"]

#: A date and time as the source recorded it: the local UK wall clock, with no offset
#: (``2025-03-14T16:37:00``). JSON Schema's ``date-time`` format demands an offset, which
#: these do not have, so the schema says what they are.
LocalDateTime = Annotated[
    datetime,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$",
            "description": "Local UK time (Europe/London wall clock), ISO 8601 with no offset.",
        }
    ),
]

REVIEW_NOTICE = "A ranking or candidate is a prompt for human review, never a decision."


class Part(BaseModel):
    """A piece of a document: an explicit allow-list of fields, nothing else."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Document(Part):
    """A whole analysis result, carrying the notice that it is for review."""

    notice: str = Field(REVIEW_NOTICE, description="How the result may be used.")
