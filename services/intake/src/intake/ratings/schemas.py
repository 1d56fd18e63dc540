"""Request and response models of ratings and rectifications."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints, field_validator

from kit.types import Input

# The fixed tags a rater may pick (their words are gateway/labels.py's RATING_TAGS).
Tag = Literal["quick", "once", "courteous", "clear", "many_materials", "many_trips",
              "long_wait", "unclear"]
Score = Annotated[int, Field(ge=1, le=5)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000,
                                        pattern=r"^[^\x00]*$")]
# The states in which a case is closed and may be rated.
CLOSED = ("approved", "rejected", "not_accepted")
BAD = 2  # a score of 2 or less is a 差评


class RatingIn(Input):
    """A rating: 1–5, optional tags from the fixed list, an optional comment."""

    score: Score
    tags: list[Tag] = Field(default=[], max_length=8)
    comment: Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=1000,
                                                     pattern=r"^[^\x00]*$")] = None

    @field_validator("tags")
    @classmethod
    def _once_each(cls, tags: list[str]) -> list[str]:
        return list(dict.fromkeys(tags))


class VisitRatingIn(RatingIn):
    """A hall visit's rating, with the secret code shown when the ticket was taken."""

    code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=12,
                                           pattern=r"^[A-Za-z0-9]+$")]


class CallbackIn(Input):
    """The call-back (回访) to the applicant: when, and what they said."""

    called_at: datetime
    note: Text


class OutcomeIn(Input):
    """The result of the rectification (整改结果); recording it closes the rectification."""

    outcome: Text


class RectificationOut(BaseModel):
    """A rectification as the department, supervisors and the applicant see it."""

    id: int
    rating_id: int
    application_id: int | None
    case_number: str | None = None
    matter_name: str | None = None
    department_code: str | None
    department_name: str | None = None
    score: int
    tags: list[str]
    comment: str | None
    state: str
    opened_at: datetime
    due_date: date
    late: bool
    callback_at: datetime | None
    callback_by: str | None
    callback_note: str | None
    outcome: str | None
    closed_at: datetime | None
    closed_by: str | None


class RatingOut(BaseModel):
    """One rating, with the rectification it opened, if any."""

    id: int
    subject_kind: str
    application_id: int | None
    score: int
    tags: list[str]
    comment: str | None
    rated_at: datetime
    rectification: RectificationOut | None = None


class RatingSummary(BaseModel):
    """Ratings of one matter or department: how many, the average, the share of 差评, tags."""

    key: str
    name: str
    count: int
    average: float
    bad_share: float
    tags: dict[str, int]
