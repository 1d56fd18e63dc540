"""Sign-off tables: one sign-off per accepted application of a jointly handled matter, one row
per co-handling department with its step, deadline and answer."""

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from kit.columns import timestamp
from review.models import ReviewTable


class SignOff(ReviewTable, table=True):
    """The joint sign-off (会签) of one accepted application; the lead department decides."""

    __tablename__ = "sign_off"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(unique=True)  # intake's application: no FK across schemas
    case_number: str = Field(max_length=30)
    implementation_code: str = Field(max_length=50, index=True)
    version: int
    matter_name: str = Field(max_length=200)
    lead_code: str = Field(max_length=18, index=True)  # the matter's (implementing) department
    lead_name: str = Field(max_length=100)
    accepted_on: date
    due_date: date | None = None  # the application's committed deadline
    state: str = Field(default="open", max_length=10, index=True)  # open | complete
    opened_at: datetime = timestamp(nullable=False)
    completed_at: datetime | None = timestamp(nullable=True)


class SignOffDepartment(ReviewTable, table=True):
    """One co-handling department's part: the step it takes, its deadline, its answer."""

    __tablename__ = "sign_off_department"
    __table_args__ = (UniqueConstraint("sign_off_id", "department_code"),)

    id: int | None = Field(default=None, primary_key=True)
    sign_off_id: int = Field(foreign_key="review.sign_off.id", index=True, ondelete="CASCADE")
    department_code: str = Field(max_length=18, index=True)
    department_name: str = Field(max_length=100)
    step: str | None = Field(default=None, max_length=500)
    deadline: date | None = None
    # agreed | agreed_with_conditions | refused; None until it answers
    answer: str | None = Field(default=None, max_length=30)
    remark: str | None = Field(default=None, max_length=2000)  # conditions or reasons
    answered_by: str | None = Field(default=None, max_length=120)
    answered_by_name: str | None = Field(default=None, max_length=120)
    answered_at: datetime | None = timestamp(nullable=True)
    late: bool = False  # answered after its deadline
    escalated_at: datetime | None = timestamp(nullable=True)  # flagged overdue to the lead
