"""What crosses for joint handling (并联审批): review's answers to intake, and what intake shows
of each co-handling department on an application."""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from kit import limits

Answer = Literal["agreed", "agreed_with_conditions", "refused"]
# What a reader sees of one department: its answer, or pending, or overdue (past its deadline
# without an answer: escalated to the lead department, never counted as agreement).
JointState = Literal["pending", "overdue", "agreed", "agreed_with_conditions", "refused"]
USCC = Field(min_length=limits.USCC, max_length=limits.USCC)


class SignOffAnswered(BaseModel):
    """Payload of `signoff.answered` (review → intake): one department answered."""

    application_id: int = Field(ge=1, le=2**31 - 1)
    department_code: str = USCC
    answer: Answer
    remark: str | None = Field(default=None, max_length=2000)
    answered_by: str = Field(min_length=1, max_length=120)
    answered_at: datetime
    complete: bool = False  # every department of the sign-off has now answered


class SignOffOverdue(BaseModel):
    """Payload of `signoff.overdue` (review → intake): a department let its deadline pass."""

    application_id: int = Field(ge=1, le=2**31 - 1)
    department_code: str = USCC
    deadline: date
    escalated_at: datetime


class JointDepartmentOut(BaseModel):
    """One co-handling department of an application: who handles what, until when, and how
    it answered (the conditions or reasons only to those who handle the case)."""

    department_code: str
    department_name: str
    step: str | None = None
    deadline: date | None = None
    state: JointState
    remark: str | None = None
    answered_at: datetime | None = None
    escalated: bool = False
