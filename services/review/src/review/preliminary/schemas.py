"""Request and response models of the preliminary check."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from kit.types import Input
from review.person_schemas import CaseEvent
from review.schemas import CaseDetail, CaseSummary

CheckResult = Literal["passed", "returned"]
Reasons = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]


class CheckCreate(Input):
    """The guidance group's result: pass to the joint review, or return with the reasons."""

    result: CheckResult
    reasons: Reasons = Field(default="", description="Required when returned: what to fix.")


class CheckPublic(BaseModel):
    """A recorded preliminary check."""

    case_id: int
    result: str
    reasons: str
    checker: str
    checker_name: str
    checked_at: datetime


class CheckedCase(CaseSummary):
    """A line of the guidance group's list: the case and its check, if made."""

    check: CheckPublic | None = None


class PreliminaryView(BaseModel):
    """A case as the preliminary check sees it: the case, its check and its history."""

    case: CaseDetail
    check: CheckPublic | None
    history: list[CaseEvent]
