"""The events intake sends about closed and rated cases (publish's own models of them)."""

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from publish.schemas import Code, DepartmentName, MatterName, Uscc

Days = Annotated[int, Field(ge=0, le=100_000)]


class Department(BaseModel):
    """The department that handled the case."""

    code: Uscc
    name: DepartmentName


class ClosedEvent(BaseModel):
    """Payload of `application.closed`: a decided case, no personal data."""

    case_id: int = Field(ge=1, le=2**31 - 1)
    implementation_code: Code
    matter_name: MatterName
    department: Department
    window: Annotated[str, Field(max_length=50)] | None = None
    channel: Literal["online", "hall"]
    filed_on: date
    accepted_on: date | None = None
    decided_on: date
    days_used: Days | None = None
    committed_limit: Days
    statutory_limit: Days | None = None
    limit_unit: Literal["working_day", "calendar_day"]
    overdue: bool
    outcome: Annotated[str, Field(min_length=1, max_length=20)]


class RatedEvent(BaseModel):
    """Payload of `application.rated`: the score an applicant gave a closed case."""

    rating_id: int = Field(ge=1, le=2**31 - 1)
    implementation_code: Code | None = None
    matter_name: MatterName | None = None
    department: Department | None = None
    score: int = Field(ge=1, le=5)
    rated_on: date
