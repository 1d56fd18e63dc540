"""Request and response models of the letter's consolidation, conflicts, PDF and metrics."""

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from review.schemas import ElementPath, NoNul

Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000), NoNul]


class RulingCreate(BaseModel):
    """The lead's ruling on a conflict: which opinion stands (or none), and why."""

    model_config = ConfigDict(extra="forbid")

    element: ElementPath
    chosen_opinion_id: int | None = Field(
        default=None, ge=1, le=2**31 - 1,
        description="The opinion whose proposal stands; null: none does, the note says what.")
    note: Note = ""


class ConsolidationPublic(BaseModel):
    """The letter as it would be sent now: numbered points, conflicts (open ones block it)."""

    case_id: int
    points: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]
    open_conflicts: int


class RulingPublic(BaseModel):
    """A recorded ruling."""

    id: int
    case_id: int
    element: str
    opinion_ids: list[int]
    chosen_opinion_id: int | None
    note: str
    lead_name: str
    resolved_at: datetime


class MatterRounds(BaseModel):
    """One submitted version's review: how many rounds, and how it ended."""

    implementation_code: str
    name: str
    version: int
    department: str
    rounds: int
    decision: str | None


class ReviewMetrics(BaseModel):
    """Rounds per matter and Shantou's "no second revision"."""

    matters_reviewed: int = Field(description="Submitted versions with at least one case.")
    approved: int
    rounds_total: int
    average_rounds: float | None
    rounds: dict[str, int] = Field(description="Matters by their number of rounds ('3' = 3+).")
    approved_first_round: int
    approved_after_a_return: int = Field(description="Approved, returned at least once first.")
    approved_after_one_return: int = Field(description="Approved in round 2: revised once.")
    share_approved_after_one_return: float | None = Field(
        description="approved_after_one_return / approved_after_a_return: no second revision.")
    matters: list[MatterRounds]
