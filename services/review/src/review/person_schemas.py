"""Request and response models of review by persons: reviewers, the parts of a case assigned to
them, deadlines, my cases, the group's board and a case's history; and the account event."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from kit.types import Input
from review.schemas import Department, NoNul, Stripped

Area = Literal["conditions", "materials", "time_limits", "fees", "discretion", "other"]
Rule = Literal["area", "least_load"]
Username = Annotated[str, Stripped, Field(max_length=120), NoNul]
Name = Annotated[str, Field(max_length=120), NoNul]
Unit = Annotated[str, Field(max_length=100), NoNul]
GroupCode = Annotated[str, Field(max_length=20), NoNul]


class AccountChanged(BaseModel):
    """The payload of the gateway's `account.changed`: an account was created or changed."""

    username: Username
    display_name: Name
    roles: list[Annotated[str, Field(max_length=40)]] = Field(max_length=40)
    group_code: GroupCode | None = None
    department: Annotated[str, Field(max_length=40)] | None = None
    unit: Unit | None = None
    active: bool


class ReviewerPublic(BaseModel):
    """A reviewer (or lead) of a group and the unit they come from."""

    username: str
    display_name: str
    unit: str | None
    group: str | None
    is_lead: bool
    active: bool


class RoundDeadline(BaseModel):
    """When the round is due, and whether it is soon or late (computed on each read)."""

    due_on: date
    working_days: int = Field(description="The round's length in working days (the setting).")
    days_left: int = Field(description="Working days from today to the due day; 0 on it.")
    overdue_days: int = Field(description="Working days past the due day; 0 when not late.")
    status: Literal["on_time", "due_soon", "late"]
    provisional: bool = Field(description="A year of the count is not in the official "
                                          "calendar yet: weekends only were skipped.")


class Part(BaseModel):
    """One part (element area) of a case and the reviewer it is assigned to, if any."""

    area: str = Field(description="conditions, materials, time_limits, fees, discretion, other")
    reviewer: str | None = None
    reviewer_name: str | None = None
    rule: str | None = Field(default=None, description="lead, area_rule, least_load, carried")
    assigned_by: str | None = None
    assigned_at: datetime | None = None


class CaseRound(BaseModel):
    """Who reviews which part of a case, and the round's deadline."""

    case_id: int
    group: str
    state: str
    deadline: RoundDeadline | None
    parts: list[Part]


class AssignmentsIn(Input):
    """The lead's assignment: area → the username of a reviewer of the group (null: the part
    is taken back, unassigned)."""

    parts: dict[Area, Username | None] = Field(min_length=1)


class RuleIn(Input):
    """Fill the unassigned parts by a rule: the group's area rules, or the least open load."""

    rule: Rule


class AreaRulesIn(Input):
    """The group's standing rules: area → reviewer (null removes the area's rule)."""

    rules: dict[Area, Username | None] = Field(min_length=1)


class AreaRulePublic(BaseModel):
    """A standing rule of a group: the parts of an element area go to this reviewer."""

    area: str
    reviewer: str
    reviewer_name: str


class MyCase(BaseModel):
    """An open case with parts assigned to the caller."""

    id: int
    name: str
    implementation_code: str
    version: int
    round: int
    department: Department
    group: str
    opened_at: datetime
    areas: list[str]
    deadline: RoundDeadline | None


class BoardMember(BaseModel):
    """A reviewer of the group and their open load."""

    username: str
    display_name: str
    unit: str | None
    is_lead: bool
    active: bool
    open_parts: int
    late_parts: int


class BoardCase(BaseModel):
    """An open case of the group with its parts and deadline."""

    id: int
    name: str
    version: int
    round: int
    department: Department
    opened_at: datetime
    deadline: RoundDeadline | None
    parts: list[Part]


class Board(BaseModel):
    """The group's board: who has what, what is unassigned, what is late."""

    group: str
    name: str
    members: list[BoardMember]
    cases: list[BoardCase]
    unassigned_parts: int
    late_cases: int


class CaseEvent(BaseModel):
    """One entry of a case's history, from review's audit trail."""

    at: datetime
    actor: str
    actor_name: str
    action: str
    before: Any = None
    after: Any = None
