"""Response shapes of matters and versions, and the events from review as the catalog reads them."""

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from catalog.standard import Code


class VersionSummary(BaseModel):
    version: int
    state: str
    effective_from: date
    updated_at: datetime
    updated_by: str
    submitted_at: datetime | None
    approved_at: datetime | None
    published_at: datetime | None
    findings: list[dict] | None = None  # the linter's, at the last save (None: never linted)


class VersionRead(VersionSummary):
    """One version with its standard and the review's feedback."""

    implementation_code: str
    revision: int
    standard: dict
    feedback: dict | None


class MatterSummary(BaseModel):
    implementation_code: str
    basic_code: str
    name: str
    department_code: str
    current_version: int | None
    latest_version: int
    latest_state: str
    cancelled: bool


class MatterPage(BaseModel):
    items: list[MatterSummary]
    total: int  # counted up to 10,000
    total_capped: bool = False  # more than `total` match
    next: str | None = None  # `after` for the next page, when this one is full


class MatterRead(MatterSummary):
    versions: list[VersionSummary]


# --- events from review (the catalog's own reading of them) ---

class CaseOpened(BaseModel):
    """Payload of `review.case_opened`."""

    implementation_code: Code
    version: int = Field(ge=1, le=2**31 - 1)


class ReviewConcluded(BaseModel):
    """Payload of `review.concluded`: the lead's consolidated feedback."""

    implementation_code: Code
    version: int = Field(ge=1, le=2**31 - 1)
    decision: Literal["approved", "returned"]
    feedback: dict[str, Any] | None = None
