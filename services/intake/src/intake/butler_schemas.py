"""Request and response models of the butler's work: mandates and projects (私人定制)."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from kit import limits
from kit.types import Count, Id, Input

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                        max_length=limits.CODE)]
MandateStatus = Literal["pending", "active", "expired", "revoked"]
ProjectKind = Literal["new_plant", "extension", "other"]
# Who a project or one of its matters waits on, and what happens next.
WaitingOn = Literal["applicant", "window", "department", "butler"]
NextStep = Literal["assign_butler", "draw_up", "file", "correct", "accept", "decide", "done"]


# --- mandates ---

class MandateIn(Input):
    """A mandate the enterprise grants: to which butler (username), for all matters (no list)
    or the listed ones, until which day."""

    butler: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                             max_length=120)]
    butler_name: Annotated[str, StringConstraints(strip_whitespace=True,
                                                  max_length=100)] | None = None
    matters: list[Code] = Field(default_factory=list, max_length=100,
                                description="implementation codes; empty: all matters")
    expires_on: date


class RevokeIn(Input):
    """Why a mandate ends."""

    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] = ""


class MandateOut(BaseModel):
    """A mandate and where it stands."""

    id: int
    enterprise: str
    enterprise_name: str
    butler: str
    butler_name: str
    all_matters: bool
    matters: list[str]
    expires_on: date
    granted_by: str
    granted_at: datetime
    accepted_at: datetime | None
    revoked_by: str | None
    revoked_at: datetime | None
    revoke_reason: str | None
    status: MandateStatus


# --- projects ---

class ProjectIn(Input):
    """An enterprise's request for a butler for a project."""

    name: Line
    kind: ProjectKind
    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""
    location: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""


class AssignIn(Input):
    """The butler (username and name) an administrator gives a project to."""

    butler: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                             max_length=120)]
    butler_name: Annotated[str, StringConstraints(strip_whitespace=True,
                                                  max_length=100)] = ""


class ItemIn(Input):
    """A published matter to add to the project's list, at a place (default: last)."""

    implementation_code: Code
    position: Count | None = None


class OrderIn(Input):
    """The project's items, every one, in their new order."""

    items: list[Id] = Field(min_length=1, max_length=100)


class FiledOut(BaseModel):
    """The application filed for a project's matter."""

    id: int
    case_number: str
    state: str
    due_date: date | None


class ItemOut(BaseModel):
    """One matter of the project's list: what it needs, how long it takes, where it stands."""

    id: int
    position: int
    implementation_code: str
    matter_name: str
    department_name: str
    committed_limit: int
    limit_unit: str
    materials: list[dict[str, object]]
    # Working days from the project's start when this matter is expected done (in order).
    done_by_day: int
    application: FiledOut | None
    state: str  # not_filed, or the application's state
    waiting_on: WaitingOn | None
    next_step: NextStep


class ProjectOut(BaseModel):
    """A project on one page: who, what, its butler, its list and what comes next."""

    id: int
    enterprise: str
    enterprise_name: str
    requested_by: str
    name: str
    kind: str
    description: str
    location: str
    butler: str | None
    butler_name: str | None
    assigned_at: datetime | None
    created_at: datetime
    items: list[ItemOut]
    total_days: int
    waiting_on: WaitingOn | None
    next_step: NextStep
