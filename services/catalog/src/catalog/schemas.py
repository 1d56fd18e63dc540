"""The matter document of the provincial contract, and the catalog's own request shapes."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Code = Annotated[str, StringConstraints(min_length=1, max_length=50, strip_whitespace=True)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
MatterType = Literal["00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "20"]
ExerciseLevel = Literal["1", "2", "3", "4", "5", "6"]
ServiceObject = Literal["person", "enterprise", "public_institution", "social_organization",
                        "government", "other"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LegalBasis(Strict):
    law: Text
    article: Text
    text: Text


class DepartmentRef(Strict):
    code: Annotated[str, StringConstraints(min_length=18, max_length=18)]
    name: Text


class Material(Strict):
    name: Text
    required: bool
    form: Literal["paper", "electronic", "either"]
    originals: int = Field(ge=0)
    copies: int = Field(ge=0)
    source: Literal["applicant", "issued_by_government", "other"]
    legal_basis: list[LegalBasis]
    notes: str | None = None


class Fee(Strict):
    name: Text
    standard: Text
    legal_basis: list[LegalBasis]
    waivable: bool


class Step(Strict):
    name: Text
    actor: Text
    limit: int = Field(ge=0)


class DiscretionBenchmark(Strict):
    circumstance: Text
    standard: Text


class Channels(Strict):
    online: bool
    online_depth: int | None = Field(default=None, ge=1, le=4)
    onsite_visits: int = Field(ge=0)
    onsite_reason: str | None = None


class Result(Strict):
    name: Text
    type: Text


class MatterStandard(Strict):
    """Everything a department writes for one version of a matter (the contract's document
    without `version` and `published_at`, which the catalog assigns)."""

    implementation_code: Code
    basic_code: Code
    handling_item_code: Code | None = None
    name: Text
    matter_type: MatterType
    exercise_level: ExerciseLevel
    department: DepartmentRef
    window: Text
    service_objects: list[ServiceObject] = Field(min_length=1)
    legal_basis: list[LegalBasis] = Field(min_length=1)
    conditions: list[Text]
    materials: list[Material]
    statutory_limit: int = Field(ge=0)
    committed_limit: int = Field(ge=0)
    limit_unit: Literal["working_day", "calendar_day"]
    fees: list[Fee]
    steps: list[Step] = Field(min_length=1)
    discretion_benchmarks: list[DiscretionBenchmark]
    channels: Channels
    result: Result
    effective_from: date

    @model_validator(mode="after")
    def _committed_within_statutory(self) -> "MatterStandard":
        if self.committed_limit > self.statutory_limit:
            raise ValueError("committed_limit must not exceed statutory_limit")
        return self


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


class AnomalyResolution(BaseModel):
    answer: Text
