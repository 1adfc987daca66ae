"""The common base of every analysis document (the JSON the CLI prints and the API serves)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["REVIEW_NOTICE", "Document", "Part"]

REVIEW_NOTICE = "A ranking or candidate is a prompt for human review, never a decision."


class Part(BaseModel):
    """A piece of a document: an explicit allow-list of fields, nothing else."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Document(Part):
    """A whole analysis result, carrying the notice that it is for review."""

    notice: str = Field(REVIEW_NOTICE, description="How the result may be used.")
