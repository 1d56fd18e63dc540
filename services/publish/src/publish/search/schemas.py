"""Search's request and answer shapes: the public search and the administrator's synonyms."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, field_validator

from kit.types import Input
from publish.schemas import PRINTABLE, DepartmentRef

SynonymTerm = Annotated[str, Field(min_length=1, max_length=30, pattern=PRINTABLE)]
SynonymTarget = Annotated[str, Field(min_length=1, max_length=50, pattern=PRINTABLE)]


class SynonymIn(Input):
    """A visitor's word and the words of the lists it stands for."""

    term: SynonymTerm
    targets: list[SynonymTarget] = Field(min_length=1, max_length=10)

    @field_validator("term")
    @classmethod
    def _term_said(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the word may not be blank")
        return value.strip()

    @field_validator("targets")
    @classmethod
    def _targets_said(cls, value: list[str]) -> list[str]:
        targets = [t.strip() for t in value]
        if not all(targets):
            raise ValueError("a word it means may not be blank")
        if len(set(targets)) != len(targets):
            raise ValueError("the words it means repeat")
        return targets


class SynonymRead(BaseModel):
    """A synonym as kept."""

    id: int
    term: str
    targets: list[str]
    updated_at: datetime


class SynonymList(BaseModel):
    """Every synonym, by term."""

    items: list[SynonymRead]


class SearchHit(BaseModel):
    """One matter found, best first."""

    implementation_code: str
    basic_code: str | None
    name: str
    matter_type: str
    department: DepartmentRef
    window: str
    online: bool


class SearchAnswer(BaseModel):
    """One page of results, how many in all, and what the visitor may have meant."""

    q: str
    items: list[SearchHit]
    total: int
    page: int
    size: int
    did_you_mean: list[str]
