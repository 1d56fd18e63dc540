"""What a briefing's requests carry and its answers show: plain-text sections, never HTML."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from kit.types import Input

State = Literal["draft", "submitted", "approved", "published"]
# Printable text with line breaks allowed inside a paragraph (no other control characters).
PLAIN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
Title = Annotated[str, Field(min_length=1, max_length=200, pattern=PLAIN)]
Heading = Annotated[str, Field(min_length=1, max_length=100, pattern=PLAIN)]
Paragraph = Annotated[str, Field(min_length=1, max_length=4000, pattern=PLAIN)]
Reason = Annotated[str, Field(min_length=1, max_length=1000, pattern=PLAIN)]
# A briefing covers at most a year (the periods people choose: a week, a month, a quarter).
LONGEST_DAYS = 366


class Section(Input):
    """One section of a briefing: a heading and its paragraphs of plain text."""

    heading: Heading
    paragraphs: list[Paragraph] = Field(default_factory=list, max_length=30)


class Body(Input):
    """The text of a briefing: its sections in order."""

    sections: list[Section] = Field(min_length=1, max_length=20)


class Period(Input):
    """The days a briefing covers, both included (days in China)."""

    period_start: date
    period_end: date

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.period_end < self.period_start:
            raise ValueError("period_end is before period_start")
        if (self.period_end - self.period_start).days >= LONGEST_DAYS:
            raise ValueError(f"a briefing covers at most {LONGEST_DAYS} days")
        if not date(2000, 1, 1) <= self.period_start <= date(2100, 1, 1):
            raise ValueError("period_start is out of range")
        return self


class BriefingCreate(Period):
    """A new briefing for a period, drafted from the template; a title replaces the default."""

    title: Title | None = None


class BriefingEdit(Input):
    """The drafter's text: the title and the sections (the period stays)."""

    title: Title
    body: Body


class ReturnRequest(Input):
    """Why the leader sends a briefing back to its drafters."""

    reason: Reason


class BriefingPublic(BaseModel):
    """A briefing as staff see it (and as the public sees a published one)."""

    id: int
    number: int | None
    title: str
    period_start: date
    period_end: date
    body: Body
    state: State
    return_reason: str | None
    author_name: str
    approver_name: str | None
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    approved_at: datetime | None
    published_at: datetime | None


class ArchiveLine(BaseModel):
    """A published briefing in the archive: 第N期, its title, period and date."""

    number: int
    title: str
    period_start: date
    period_end: date
    published_at: datetime


class Archive(BaseModel):
    """Published briefings, newest first."""

    items: list[ArchiveLine]


class Drafts(BaseModel):
    """Whole briefings: those not yet published (staff), or the latest published (the feed)."""

    items: list[BriefingPublic]
