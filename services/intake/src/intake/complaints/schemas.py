"""Request and response models of complaints (监督投诉) and of departments' timeliness."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints, field_validator

from intake.identity import PHONE
from kit.types import Input

Subject = Literal["case", "matter", "department", "hall"]
ComplaintState = Literal["filed", "accepted", "answered", "closed"]
Line = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=100,
                                               pattern=r"^[^\x00-\x1f]*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000,
                                        pattern=r"^[^\x00]*$")]
CODE = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=12,
                                        pattern=r"^[0-9A-Za-z]+$")]


class ComplaintIn(Input):
    """A complaint: about what (a case by its number, a matter by its code, a department by
    its code, or the hall), what happened, and — when not signed in — who and how to reach
    them."""

    subject_kind: Subject
    subject_ref: Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=50,
                                                         pattern=r"^[0-9A-Za-z-]*$")] = None
    content: Text
    name: Line = None
    phone: Line = None

    @field_validator("phone")
    @classmethod
    def _phone(cls, phone: str | None) -> str | None:
        if not phone:
            return None
        compact = phone.replace(" ", "")
        if not PHONE.match(compact):
            raise ValueError("a mobile (11 digits) or landline number is needed")
        return compact


class Filed(BaseModel):
    """What the complainant keeps: the complaint number and the query code to follow it."""

    number: str
    query_code: str
    state: str
    due_date: date


class CodeIn(Input):
    """The query code that goes with a complaint number."""

    code: CODE


class ComplaintRatingIn(CodeIn):
    """The complainant's rating of the answer (1–5, once)."""

    score: Annotated[int, Field(ge=1, le=5)]


class TextIn(Input):
    """A supervisor's investigation note or answer."""

    text: Text


class Step(BaseModel):
    """One step of a complaint's timeline (notes: their text only to supervisors)."""

    kind: str
    at: datetime
    text: str | None = None


class ComplaintPublic(BaseModel):
    """A complaint as its number and code show it: state, answer, timeline."""

    number: str
    subject_kind: str
    subject_ref: str | None
    state: str
    filed_at: datetime
    due_date: date
    overdue: bool
    answer: str | None
    answered_at: datetime | None
    closed_at: datetime | None
    score: int | None
    timeline: list[Step]


class ComplaintHandled(ComplaintPublic):
    """A complaint as the supervisor handling it sees it (the phone masked)."""

    id: int
    content: str
    complainant_name: str
    phone: str | None
    signed_in: bool
    department_code: str | None
    application_id: int | None
    assigned_to: str | None


class Timeliness(BaseModel):
    """One department's timeliness: cases decided by their due date, overdue open cases,
    rectifications closed on time."""

    department_code: str
    department_name: str
    decided: int
    decided_on_time: int
    on_time_share: float | None
    overdue_open: int
    rectifications: int
    rectifications_on_time: int
    rectifications_late: int
