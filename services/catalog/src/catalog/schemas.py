"""The matter document of the provincial contract, and the catalog's own request shapes."""

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from catalog.legal.schemas import RevisionTaskRead
from catalog.standard import (
    Code,
    ExerciseLevel,
    MatterStandard,
    MatterType,
    Text,
)


class MatterDocument(MatterStandard):
    """The contract's matter document: a published version."""

    version: int = Field(ge=1)
    published_at: datetime


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
    total: int


class MatterRead(MatterSummary):
    versions: list[VersionSummary]


class DepartmentRead(BaseModel):
    code: str
    name: str
    is_pilot: bool


class WindowRead(BaseModel):
    code: str
    name: str


class LooseLegalBasis(BaseModel):
    law: Text
    article: Text
    text: Text


class BaseCatalogItem(BaseModel):
    """One item of a basic-catalog batch pushed by the province."""

    basic_code: Code
    name: Text
    matter_type: MatterType
    exercise_level: ExerciseLevel
    operation: Literal["upsert", "cancel"]
    legal_basis: list[LooseLegalBasis] | None = None

    @model_validator(mode="after")
    def _upsert_needs_basis(self) -> "BaseCatalogItem":
        if self.operation == "upsert" and not self.legal_basis:
            raise ValueError("legal_basis is required (non-empty) for upsert")
        return self


class BaseCatalogBatch(BaseModel):
    batch_id: Code
    items: list[Any]


class BatchResult(BaseModel):
    batch_id: str
    accepted: int
    rejected: list[dict]


class FeedItem(BaseModel):
    operation: Literal["upsert", "cancel"]
    matter: dict


class FeedPage(BaseModel):
    items: list[FeedItem]
    next_cursor: str


class AnomalyIn(BaseModel):
    anomaly_id: Code
    implementation_code: Code
    version: int = Field(ge=1)
    field: Text
    message: Text
    severity: Literal["error", "warning"]


class AnomalyAck(BaseModel):
    anomaly_id: str
    status: str


class AnomalyRead(BaseModel):
    anomaly_id: str
    implementation_code: str
    version: int
    department_code: str
    field: str
    message: str
    severity: str
    status: str
    resolution: str | None
    received_at: datetime


class ReturnedVersion(BaseModel):
    implementation_code: str
    name: str
    version: int
    feedback: dict | None


class TodoList(BaseModel):
    anomalies: list[AnomalyRead]
    returned: list[ReturnedVersion]
    revisions: list[RevisionTaskRead] = []  # legal-basis revision tasks (catalog.legal)


class AnomalyResolution(BaseModel):
    answer: Text


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
