"""Request and response shapes of the linter's API."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

PhraseText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]


class FindingRead(BaseModel):
    rule: str
    severity: Literal["error", "warning"]
    path: str
    message: str


class LintResult(BaseModel):
    """What the linter found; an empty list means the document is clean."""

    findings: list[FindingRead]


class PhraseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    phrase: PhraseText
    match_kind: Literal["contains", "ends_with"] = "contains"


class PhraseListIn(BaseModel):
    """One rule's new phrase list; it replaces the old one entirely."""

    model_config = ConfigDict(extra="forbid")

    rule: str
    phrases: list[PhraseIn] = Field(max_length=200)


class PatternRead(BaseModel):
    """A built-in pattern of a clause rule (code, Chinese title, regular expression)."""

    code: str
    title: str
    pattern: str


class PhraseRule(BaseModel):
    rule: str
    title: str
    severity: str
    phrases: list[PhraseIn]
    patterns: list[PatternRead] = []  # built in, always matched, not edited by the lists


class PhraseBookRead(BaseModel):
    rules: list[PhraseRule]
