"""Sign-off requests, answers and the payload of `application.joint_opened` (from intake)."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints, model_validator

from kit import limits
from kit.types import Id, Input
from review.schemas import Code, MatterName, NoNul, ShortName, Uscc

Answer = Literal["agreed", "agreed_with_conditions", "refused"]
DepartmentState = Literal["pending", "overdue", "agreed", "agreed_with_conditions", "refused"]
SignOffState = Literal["open", "complete"]
Remark = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000), NoNul]
StepText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=limits.STEP_TEXT),
                     NoNul]


class Department(BaseModel):
    code: Uscc
    name: ShortName


class CoHandling(Department):
    """One co-handling department as intake opens it: its step and its deadline."""

    step: StepText | None = None
    deadline: date | None = None


class JointOpened(BaseModel):
    """Payload of `application.joint_opened` (intake → review)."""

    application_id: Id
    case_number: Annotated[str, StringConstraints(min_length=1, max_length=30)]
    implementation_code: Code
    version: Id
    matter_name: MatterName
    lead_department: Department
    accepted_on: date
    due_date: date | None = None
    departments: list[CoHandling] = Field(min_length=1, max_length=50)


class AnswerIn(Input):
    """A co-handling department's answer: agree, agree with conditions, or refuse with
    reasons (the conditions or reasons in `remark`)."""

    answer: Answer
    remark: Remark = ""

    @model_validator(mode="after")
    def _explained(self) -> "AnswerIn":
        if self.answer != "agreed" and not self.remark:
            raise ValueError("conditions or reasons (remark) are required unless agreeing")
        return self


class SignOffDepartmentPublic(BaseModel):
    """One department's part as every department of the sign-off and the lead see it."""

    department_code: str
    department_name: str
    step: str | None
    deadline: date | None
    state: DepartmentState
    remark: str | None
    answered_by_name: str | None
    answered_at: datetime | None
    late: bool
    escalated: bool


class SignOffPublic(BaseModel):
    """A joint sign-off with every department's part."""

    id: int
    application_id: int
    case_number: str
    implementation_code: str
    version: int
    matter_name: str
    lead_code: str
    lead_name: str
    accepted_on: date
    due_date: date | None
    state: SignOffState
    opened_at: datetime
    completed_at: datetime | None
    overdue: bool  # a department let its deadline pass without answering
    departments: list[SignOffDepartmentPublic]
