"""Event payloads publish reads, list filters, and the shapes of its public answers."""

from datetime import datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from kit import limits

# Printable text only: a NUL byte would reach PostgreSQL and fail there.
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
Code = Annotated[str, Field(min_length=1, max_length=limits.CODE, pattern=PRINTABLE)]
Text = Annotated[str, Field(min_length=1, max_length=500)]
# The fields catalog's events carry, bounded as catalog bounds them (kit.limits).
Uscc = Annotated[str, Field(min_length=1, max_length=limits.USCC, pattern=PRINTABLE)]
DepartmentName = Annotated[str, Field(min_length=1, max_length=limits.DEPARTMENT_NAME)]
MatterName = Annotated[str, Field(min_length=1, max_length=limits.MATTER_NAME)]
WindowCode = Annotated[str, Field(min_length=1, max_length=limits.WINDOW_CODE, pattern=PRINTABLE)]
StepText = Annotated[str, Field(min_length=1, max_length=limits.STEP_TEXT)]
Filter = Annotated[str, Field(max_length=100, pattern=PRINTABLE)]
T = TypeVar("T")


class DepartmentRef(BaseModel):
    """The implementing department (实施主体)."""

    code: Uscc
    name: DepartmentName


class Step(BaseModel):
    """One step of the handling process (办理流程)."""

    name: StepText
    actor: StepText
    limit: int = Field(ge=0)


class Channels(BaseModel):
    """Online handling and on-site visits (网办与到现场次数)."""

    online: bool
    onsite_visits: int = Field(ge=0)


class PublishedMatter(BaseModel):
    """The fields of the matter document publish relies on; the rest is kept as sent."""

    model_config = ConfigDict(extra="allow")

    implementation_code: Code
    version: int = Field(ge=1)
    name: MatterName
    matter_type: Annotated[str, Field(min_length=1, max_length=10, pattern=PRINTABLE)]
    department: DepartmentRef
    window: WindowCode
    statutory_limit: int = Field(ge=0)
    committed_limit: int = Field(ge=0)
    limit_unit: Literal["working_day", "calendar_day"]
    steps: list[Step] = Field(min_length=1)
    channels: Channels
    published_at: AwareDatetime


class LintCounts(BaseModel):
    """The vague and catch-all clauses catalog's linter found in the published version."""

    vague_clauses: int = Field(ge=0, le=100_000)
    catch_all_clauses: int = Field(ge=0, le=100_000)


class HallWindow(BaseModel):
    """The hall's window that receives the matter: where it is, when it opens, its phone."""

    code: WindowCode
    name: Annotated[str, Field(min_length=1, max_length=100)]
    address: Annotated[str | None, Field(max_length=200)] = None
    hours: Annotated[str | None, Field(max_length=200)] = None
    phone: Annotated[str | None, Field(max_length=40)] = None


class PublishedEvent(BaseModel):
    """Payload of `matter_version.published`; `document` is the matter as catalog sent it,
    `window` the details of its window in the hall (optional: older events lack it)."""

    operation: Literal["upsert"]
    matter: PublishedMatter
    document: dict[str, Any]
    lint: LintCounts | None = None  # optional: events from before the reform metrics moved
    jsonld: dict[str, Any] | None = None  # the matter as CPSV-AP JSON-LD (open data)
    window: HallWindow | None = None

    @model_validator(mode="before")
    @classmethod
    def _keep_document(cls, data: Any) -> Any:
        """The guide shows every element catalog sent, typed here or not."""
        if isinstance(data, dict) and isinstance(data.get("matter"), dict):
            return {**data, "document": data["matter"]}
        return data


class CancelledEvent(BaseModel):
    """Payload of `matter.cancelled`."""

    implementation_code: Code
    version: int = Field(ge=1)
    cancelled_at: AwareDatetime


class ListFilters(BaseModel):
    """Query parameters shared by the three public lists; empty values mean no filter."""

    q: Filter = ""
    department: Filter = ""
    window: Filter = ""
    matter_type: Filter = ""
    page: int = Field(1, ge=1, le=100_000)
    size: int = Field(20, ge=1, le=100)

    @field_validator("page", "size", mode="before")
    @classmethod
    def _empty_is_default(cls, value: Any, info: Any) -> Any:
        return cls.model_fields[info.field_name].default if value == "" else value


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    items: list[T]
    total: int
    page: int
    size: int


class GuideVersion(BaseModel):
    """One published version of a service guide, as history."""

    version: int
    published_at: datetime
    status: Literal["current", "superseded", "cancelled"]


class DepartmentCount(BaseModel):
    """A department and how many matters it has published."""

    code: str
    name: str
    matters: int


class DepartmentList(BaseModel):
    """Every department with published matters."""

    items: list[DepartmentCount]


class WindowCount(BaseModel):
    window: str
    matters: int


class MatterTypeCount(BaseModel):
    matter_type: str
    matters: int


class Statistics(BaseModel):
    """Simple totals over the published matters."""

    matters: int
    per_department: list[DepartmentCount]
    per_window: list[WindowCount]
    per_matter_type: list[MatterTypeCount]
    online_share: float | None
    average_committed_limit: float | None
    average_statutory_limit: float | None
