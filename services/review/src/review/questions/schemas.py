"""Request and response models of the difficult questions and their knowledge base."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from kit import limits
from kit.types import Input

QuestionState = Literal["open", "answered"]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Optional = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
MatterCode = Annotated[str, StringConstraints(strip_whitespace=True, max_length=limits.CODE)]
Words = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]


class QuestionCreate(Input):
    """A department's question: a title, the question, optionally the matter and element."""

    title: Title
    question: Text
    implementation_code: MatterCode | None = Field(
        default=None, description="The matter the question is about, if one.")
    element: Optional | None = Field(
        default=None, description="The element of the standard, e.g. materials or fees.")


class AnswerCreate(Input):
    """The working group's answer, given at its weekly meeting of `meeting_date` or at once."""

    answer: Text
    meeting_date: date | None = Field(
        default=None, description="The weekly meeting that answered; omitted: answered at once.")


class QuestionPublic(BaseModel):
    """A question with its state and, once answered, the answer."""

    id: int
    department_code: str
    title: str
    question: str
    implementation_code: str | None
    element: str | None
    state: str
    raised_by: str
    raised_by_name: str
    raised_at: datetime
    answer: str | None
    meeting_date: date | None
    answered_by: str | None
    answered_by_name: str | None
    answered_at: datetime | None
