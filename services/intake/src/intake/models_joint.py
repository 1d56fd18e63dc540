"""Joint handling (并联审批): each co-handling department's sign-off of an accepted application,
as intake follows it (review runs the sign-off itself and tells intake each answer)."""

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from intake.models import IntakeTable, owned_by_application
from kit.columns import timestamp


class JointDepartment(IntakeTable, table=True):
    """One co-handling department of one application: its step, its deadline inside the
    committed limit, and its answer once review reports it."""

    __tablename__ = "joint_department"
    __table_args__ = (UniqueConstraint("application_id", "department_code"),)

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = owned_by_application()
    department_code: str = Field(max_length=18)
    department_name: str = Field(max_length=100)
    step: str | None = Field(default=None, max_length=500)
    deadline: date | None = None
    # agreed | agreed_with_conditions | refused; None while it has not answered
    answer: str | None = Field(default=None, max_length=30)
    remark: str | None = Field(default=None, max_length=2000)  # the conditions or the reasons
    answered_by: str | None = Field(default=None, max_length=120)
    answered_at: datetime | None = timestamp(nullable=True)
    escalated_at: datetime | None = timestamp(nullable=True)  # review flagged it overdue
    opened_at: datetime = timestamp(nullable=False)
