"""Answers to the feedback's points, as the API takes and shows them."""

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints

from kit.types import Input

AnswerKind = Literal["revised", "explained"]


class AnswerIn(Input):
    """Accepted and revised (`element`: the path of the changed element in this version), or
    explained (`reason`: why it is not adopted)."""

    kind: AnswerKind
    element: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = \
        Field(default=None, description="With revised: the changed element, e.g. materials[0].")
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] = ""


class AnswerRead(BaseModel):
    point: int
    kind: str
    element: str | None
    element_name: str | None
    reason: str
    answered_by: str
    answered_at: datetime


class PointRead(BaseModel):
    """One point of the letter and the department's answer to it, if given."""

    number: int
    point: dict[str, Any]
    answer: AnswerRead | None


class AnswerSheet(BaseModel):
    """Every point of a returned version's letter, answered or not."""

    case_id: int | None
    round: int | None
    points: list[PointRead]
    unanswered: list[int]
