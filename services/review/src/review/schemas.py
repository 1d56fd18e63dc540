"""Request and response models of the review API, and the payload of the event it consumes."""

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from kit import limits

Aspect = Literal["legality", "reasonableness", "compliance"]
Decision = Literal["approved", "returned"]
CaseState = Literal["precheck", "open", "closed"]  # precheck: the preliminary check (初审)
Severity = Literal["must_fix", "suggestion"]
Proposal = Literal["delete", "keep", "change"]
AnswerKind = Literal["revised", "explained"]


def _no_nul(value: str) -> str:
    # PostgreSQL refuses NUL in text: refuse it here as bad input, not later as a crash.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


NoNul = AfterValidator(_no_nul)
Stripped = StringConstraints(strip_whitespace=True, min_length=1)

# Stripped strings of bounded length without NUL characters.
ElementPath = Annotated[str, Stripped, Field(max_length=200), NoNul]
OpinionText = Annotated[str, Stripped, Field(max_length=2000), NoNul]
Summary = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000), NoNul]
# What catalog's submission carries, bounded as catalog bounds it (kit.limits).
Uscc = Annotated[str, Stripped, Field(max_length=limits.USCC), NoNul]
ShortName = Annotated[str, Stripped, Field(max_length=limits.DEPARTMENT_NAME), NoNul]
MatterName = Annotated[str, Stripped, Field(max_length=limits.MATTER_NAME), NoNul]
Code = Annotated[str, Stripped, Field(max_length=limits.CODE), NoNul]
WindowCode = Annotated[str, Stripped, Field(max_length=limits.WINDOW_CODE), NoNul]
Subject = Annotated[str, StringConstraints(strip_whitespace=True, max_length=limits.SUBJECT),
                    NoNul]


class OpinionCreate(BaseModel):
    """A reviewer's finding: which element, which aspect, what is wrong or to improve."""

    model_config = ConfigDict(extra="forbid")

    element: ElementPath = Field(description="A path into the standard, e.g. materials[0].")
    aspect: Aspect
    text: OpinionText
    severity: Severity = "must_fix"
    wording: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000),
                       NoNul] | None = Field(default=None, description="Suggested wording.")
    proposal: Proposal | None = Field(
        default=None, description="What should become of the element: delete it, keep it as "
        "it is, or change it to `value`; opinions proposing different things conflict.")
    value: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500),
                     NoNul] | None = Field(default=None, description="With `change`: the value.")


class FeedbackCreate(BaseModel):
    """The lead's decision and the summary that heads the consolidated feedback letter."""

    model_config = ConfigDict(extra="forbid")

    decision: Decision
    summary: Summary = ""


class Department(BaseModel):
    """The implementing department (实施主体)."""

    code: Uscc
    name: ShortName


class Answer(BaseModel):
    """The department's answer to one point of the last letter, as catalog submits it."""

    case_id: int = Field(ge=1, le=2**31 - 1)
    point: int = Field(ge=1, le=10_000)
    kind: AnswerKind
    element: Annotated[str, Field(max_length=200), NoNul] | None = None  # where it revised
    element_name: Annotated[str, Field(max_length=500), NoNul] | None = None
    reason: Annotated[str, Field(max_length=4000), NoNul] = ""


class SubmittedVersion(BaseModel):
    """The payload of `matter_version.submitted`, as catalog sends it."""

    implementation_code: Code
    version: int = Field(ge=1, le=2**31 - 1)
    name: MatterName
    department: Department
    window: WindowCode | None = None
    standard: dict[str, Any]
    previous_version: int | None = Field(default=None, ge=1, le=2**31 - 1)
    submitted_by: Subject = ""
    answers: list[Answer] = Field(default=[], max_length=500,
                                  description="The answers to the previous round's points.")

class OpinionPublic(BaseModel):
    """One recorded opinion."""

    id: int
    element: str
    aspect: str
    text: str
    reviewer: str
    reviewer_name: str
    created_at: datetime
    severity: str = "must_fix"
    wording: str | None = None
    proposal: str | None = None
    proposed_value: str | None = None
    anchor: dict[str, Any] | None = None


class FeedbackPublic(BaseModel):
    """The consolidated feedback letter of a case."""

    case_id: int
    decision: str
    summary: str
    lead: str
    lead_name: str
    opinions: list[dict[str, Any]]
    issued_at: datetime


class CaseSummary(BaseModel):
    """A line of the case list."""

    id: int
    implementation_code: str
    version: int
    round: int
    name: str
    department: Department
    window: str | None
    group: str
    state: str
    decision: str | None
    opened_at: datetime
    closed_at: datetime | None
    opinion_count: int


class CaseDetail(CaseSummary):
    """A whole case: the standard under review, what changed, opinions and the letter."""

    standard: dict[str, Any]
    previous_version: int | None
    changed_elements: list[str] | None
    routing_reason: str
    submitted_by: str
    opinions: list[OpinionPublic]
    feedback: FeedbackPublic | None
    open_elements: list[str] | None = Field(
        default=None, description="Round 2 on: the elements re-review covers; the rest is "
        "locked as approved. None: every element is open.")
    answers: list[dict[str, Any]] = Field(
        default=[], description="The department's answers to the previous round's points.")
    earlier_rounds: list[dict[str, Any]] = Field(
        default=[], description="The earlier rounds' letters, each point with the "
        "department's answer and where its element is now.")
