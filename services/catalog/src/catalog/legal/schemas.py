"""Request and response shapes of the legal basis registry and its revision tasks."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, StringConstraints, model_validator

from kit.types import Input

Name = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
Short = Annotated[str, StringConstraints(min_length=1, max_length=50, strip_whitespace=True)]
Clause = Annotated[str, StringConstraints(max_length=50, strip_whitespace=True)]
Body = Annotated[str, StringConstraints(min_length=1, max_length=20000, strip_whitespace=True)]
Note = Annotated[str, StringConstraints(max_length=2000, strip_whitespace=True)]
Status = Literal["in_force", "amended", "repealed"]


class LawIn(Input):
    name: Name
    issuer: Name
    effective_date: date | None = None
    status: Status = "in_force"


class LawUpdate(Input):
    name: Name | None = None
    issuer: Name | None = None
    effective_date: date | None = None
    status: Status | None = None


class ArticleIn(Input):
    article: Short
    clause: Clause | None = None
    text: Body


class ArticleUpdate(Input):
    """A clerical correction; amendments and repeals are recorded as changes."""

    article: Short | None = None
    clause: Clause | None = None
    text: Body | None = None


class ChangeIn(Input):
    """An amendment (with the new text when known) or a repeal of an article."""

    kind: Literal["amended", "repealed"]
    note: Note | None = None
    new_text: Body | None = None

    @model_validator(mode="after")
    def _repeal_has_no_text(self) -> "ChangeIn":
        if self.kind == "repealed" and self.new_text:
            raise ValueError("a repealed article has no new text")
        return self


class ChangeRead(BaseModel):
    id: int
    article_id: int
    kind: str
    note: str | None
    old_text: str
    new_text: str | None
    recorded_by: str
    recorded_at: datetime
    flags: int = 0  # places of matter versions flagged
    tasks: int = 0  # revision tasks opened
    departments: list[str] = []


class ArticleRead(BaseModel):
    id: int
    law_id: int
    law: str
    article: str
    clause: str | None
    text: str
    status: str
    amended_at: datetime | None
    changes: list[ChangeRead] = []


class LawRead(BaseModel):
    id: int
    name: str
    issuer: str
    effective_date: date | None
    status: str
    article_count: int = 0
    changed_count: int = 0  # articles amended or repealed


class LawDetail(LawRead):
    articles: list[ArticleRead] = []


class FlagRead(BaseModel):
    version: int
    path: str
    resolved_at: datetime | None = None


class RevisionTaskRead(BaseModel):
    """A revision task of a department: which matter, which changed provision, where cited."""

    id: int
    implementation_code: str
    name: str
    department_code: str
    law: str
    article: str
    clause: str | None
    kind: str
    note: str | None
    old_text: str
    new_text: str | None
    changed_at: datetime
    state: str
    resolution: str | None
    answer: str | None
    resolved_version: int | None
    resolved_at: datetime | None
    created_at: datetime
    flags: list[FlagRead]


class TaskResolution(Input):
    answer: Annotated[str, StringConstraints(min_length=1, max_length=2000,
                                             strip_whitespace=True)]
