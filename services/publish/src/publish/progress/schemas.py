"""Progress: the events it reads (catalog's moves, review's workload) and its request bodies."""

from datetime import date
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, Field

from kit import limits
from kit.types import Count, Input
from publish.schemas import Code, DepartmentName, DepartmentRef, MatterName

State = Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[a-z_]+$")]
Subject = Annotated[str, Field(min_length=1, max_length=limits.SUBJECT,
                               pattern=r"^[^\x00-\x1f\x7f]*$")]
Words = Annotated[str, Field(min_length=1, max_length=1000)]
Answer = Annotated[str, Field(min_length=1, max_length=2000)]


class StateChangedEvent(BaseModel):
    """Payload of `matter_version.state_changed` (catalog → publish)."""

    implementation_code: Code
    name: MatterName
    department: DepartmentRef
    version: int = Field(ge=1, le=2**31 - 1)
    from_state: State | None = None
    to_state: State
    at: AwareDatetime


class ReviewerPart(BaseModel):
    """One reviewer's share of a concluded round."""

    reviewer: Subject
    name: Annotated[str, Field(max_length=limits.SUBJECT)]
    opinions: Count
    elements: Count


class WorkloadEvent(BaseModel):
    """Payload of `review.workload` (review → publish), sent when a review round concludes."""

    case_id: int = Field(ge=1, le=2**31 - 1)
    round: int = Field(ge=1, le=10_000)
    group: Annotated[str, Field(min_length=1, max_length=20)]
    implementation_code: Code
    version: int = Field(ge=1, le=2**31 - 1)
    department: DepartmentRef
    decision: Annotated[str, Field(min_length=1, max_length=20)]
    concluded_at: AwareDatetime
    elements: Count
    characters: Count
    reviewers: list[ReviewerPart] = Field(max_length=200)


class TargetInput(Input):
    """A department's number of matters to standardize (null: all of its matters)."""

    target: Count | None
    name: DepartmentName | None = None


class SettingsInput(Input):
    """The zone deadline, the straight line's start and the stall rule."""

    deadline: date | None = None
    started_on: date | None = None
    stall_working_days: int = Field(10, ge=1, le=250)


class LinksInput(Input):
    """The departments a leader oversees (领导挂钩), replacing the earlier ones."""

    leader_name: Annotated[str, Field(min_length=1, max_length=limits.SUBJECT)]
    departments: list[Code] = Field(max_length=100)


class NoticeInput(Input):
    """A 督办 notice to a flagged department."""

    department_code: Code
    reason: Words
    action: Words
    due: date


class NoticeAnswer(Input):
    """The department's answer to a notice."""

    answer: Answer


class NoticeDecision(Input):
    """The leader's decision on an answer: close it, or send it back with a reason."""

    decision: Literal["close", "send_back"]
    reason: Annotated[str, Field(max_length=1000)] = ""
