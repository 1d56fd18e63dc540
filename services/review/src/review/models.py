"""Review tables: groups and their ordered routing rules, cases, opinions, consolidated
feedback, the groups' reviewers and who reviews which part of a case, the preliminary check and
the difficult questions."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from kit.audit import audit_table
from kit.columns import json_column, timestamp
from kit.outbox import inbox_table, outbox_table
from review.db import metadata, registry


class ReviewTable(SQLModel, registry=registry):
    """Base of every review table (schema `review`)."""


class ReviewGroup(ReviewTable, table=True):
    """A review group (审核组): it reviews what the routing rules send it; the default group
    also receives every standard no rule matches."""

    __tablename__ = "review_group"

    code: str = Field(primary_key=True, max_length=20)
    name: str = Field(max_length=100)
    domains: str = Field(default="", max_length=200)  # the fields it covers, in words
    is_default: bool = False  # at most one: the routing's explicit fallback


class RoutingRule(ReviewTable, table=True):
    """One ordered routing rule: a submitted standard whose window, department and matter type
    match it (an empty criterion matches any) goes to its group; the first match wins."""

    __tablename__ = "routing_rule"

    id: int | None = Field(default=None, primary_key=True)
    position: int = Field(index=True)  # 1, 2, 3… kept without gaps by review.routing
    window: str | None = Field(default=None, max_length=40)
    department_code: str | None = Field(default=None, max_length=18)
    matter_type: str | None = Field(default=None, max_length=2)
    group_code: str = Field(max_length=20, index=True, ondelete="CASCADE",
                            foreign_key="review.review_group.code")
    note: str = Field(default="", max_length=200)


class ReviewCase(ReviewTable, table=True):
    """One review round of one submitted version of a matter standard."""

    __tablename__ = "review_case"
    __table_args__ = (UniqueConstraint("implementation_code", "version", "round"),)

    id: int | None = Field(default=None, primary_key=True)
    implementation_code: str = Field(max_length=50, index=True)
    version: int
    round: int = 1  # a resubmission of the same version opens the next round
    name: str = Field(max_length=200)
    department_code: str = Field(max_length=18, index=True)
    department_name: str = Field(max_length=100)
    window: str | None = Field(default=None, max_length=40)
    group_code: str = Field(max_length=20, index=True)  # no FK: the case keeps its routing
    routing_reason: str = Field(max_length=200)
    state: str = Field(default="open", max_length=10, index=True)
    decision: str | None = Field(default=None, max_length=20)
    standard: dict[str, Any] = json_column(nullable=False)
    previous_version: int | None = None
    previous_case_id: int | None = None  # the case whose standard this one is compared with
    changed_elements: list[str] | None = json_column(nullable=True)
    submitted_by: str = Field(max_length=120)
    # The department's answers to the previous round's points, as submitted (review.answers).
    answers: list[dict[str, Any]] | None = json_column(nullable=True)
    # Round 2 on: the element paths re-review covers; the rest is locked as approved (None:
    # everything is open, as in round 1).
    open_elements: list[str] | None = json_column(nullable=True)
    opened_at: datetime = timestamp(nullable=False)
    # When it reached its group: at once, or when the preliminary check passed it (the round's
    # deadline counts from here).
    reached_group_at: datetime | None = timestamp(nullable=True)
    closed_at: datetime | None = timestamp(nullable=True)


class Opinion(ReviewTable, table=True):
    """A reviewer's finding on one element of the standard, on one aspect."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="review.review_case.id", index=True, ondelete="CASCADE")
    element: str = Field(max_length=200)
    aspect: str = Field(max_length=20)
    text: str = Field(max_length=2000)
    reviewer: str = Field(max_length=120)
    reviewer_name: str = Field(max_length=120)
    created_at: datetime = timestamp(nullable=False)
    severity: str = Field(default="must_fix", max_length=20)  # must_fix | suggestion
    wording: str | None = Field(default=None, max_length=2000)  # the suggested wording
    proposal: str | None = Field(default=None, max_length=10)  # delete | keep | change | None
    proposed_value: str | None = Field(default=None, max_length=500)  # with `change`
    # A row's identity when the opinion is on one (`materials[2]`): its list, position, name
    # and content as reviewed, so the opinion follows the row, never the position.
    anchor: dict[str, Any] | None = json_column(nullable=True)


class ConsolidatedFeedback(ReviewTable, table=True):
    """The one letter (一次性反馈) a lead sends back: the decision and every opinion."""

    __tablename__ = "consolidated_feedback"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="review.review_case.id", unique=True, ondelete="CASCADE")
    decision: str = Field(max_length=20)
    summary: str = Field(max_length=4000)
    lead: str = Field(max_length=120)
    lead_name: str = Field(max_length=120)
    opinions: list[dict[str, Any]] = json_column(nullable=False)
    issued_at: datetime = timestamp(nullable=False)


class Reviewer(ReviewTable, table=True):
    """A reviewer or lead known to review: fed by the gateway's `account.changed` events."""

    username: str = Field(primary_key=True, max_length=120)
    display_name: str = Field(max_length=120)
    unit: str | None = Field(default=None, max_length=100)  # the unit they are drawn from
    group_code: str | None = Field(default=None, max_length=20, index=True)
    is_lead: bool = False
    active: bool = True
    updated_at: datetime = timestamp(nullable=False)


class Assignment(ReviewTable, table=True):
    """One part (element area) of one case, assigned to a named reviewer (分解到人)."""

    __table_args__ = (UniqueConstraint("case_id", "area"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="review.review_case.id", index=True, ondelete="CASCADE")
    area: str = Field(max_length=20)
    reviewer: str = Field(max_length=120, index=True)
    reviewer_name: str = Field(max_length=120)
    rule: str = Field(max_length=20)  # lead, area_rule, least_load, carried
    assigned_by: str = Field(max_length=120)
    assigned_at: datetime = timestamp(nullable=False)


class AreaRule(ReviewTable, table=True):
    """A group's standing rule: the parts of one element area go to one reviewer."""

    __tablename__ = "area_rule"

    group_code: str = Field(primary_key=True, max_length=20, ondelete="CASCADE",
                            foreign_key="review.review_group.code")
    area: str = Field(primary_key=True, max_length=20)
    reviewer: str = Field(max_length=120)
    updated_by: str = Field(max_length=120)
    updated_at: datetime = timestamp(nullable=False)


class ConflictResolution(ReviewTable, table=True):
    """The lead's ruling on contradicting opinions about one element of a case."""

    __tablename__ = "conflict_resolution"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="review.review_case.id", index=True, ondelete="CASCADE")
    element: str = Field(max_length=200)
    opinion_ids: list[int] = json_column(nullable=False)  # the opinions it settled
    chosen_opinion_id: int | None = None  # None: none of them; the note says what stands
    note: str = Field(max_length=2000)
    lead: str = Field(max_length=120)
    lead_name: str = Field(max_length=120)
    resolved_at: datetime = timestamp(nullable=False)


# Joint sign-off of applications (并联审批): its own module.
from review.signoffs import models as signoff_models  # noqa: E402, F401


class PreliminaryCheck(ReviewTable, table=True):
    """The technical guidance group's preliminary check (初审) of a case: passed to the joint
    review, or returned to the department with the reasons."""

    __tablename__ = "preliminary_check"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="review.review_case.id", unique=True, ondelete="CASCADE")
    result: str = Field(max_length=10)  # passed | returned
    reasons: str = Field(max_length=4000)
    checker: str = Field(max_length=120)
    checker_name: str = Field(max_length=120)
    checked_at: datetime = timestamp(nullable=False)


class Question(ReviewTable, table=True):
    """A difficult question (疑难问题) a department raises while compiling its standards, and the
    working group's answer; answered questions form the knowledge base."""

    id: int | None = Field(default=None, primary_key=True)
    department_code: str = Field(max_length=18, index=True)
    title: str = Field(max_length=200)
    question: str = Field(max_length=4000)
    implementation_code: str | None = Field(default=None, max_length=50)
    element: str | None = Field(default=None, max_length=200)
    state: str = Field(default="open", max_length=10, index=True)  # open | answered
    raised_by: str = Field(max_length=120)
    raised_by_name: str = Field(max_length=120)
    raised_at: datetime = timestamp(nullable=False)
    answer: str | None = Field(default=None, max_length=4000)
    meeting_date: date | None = None  # answered at the weekly meeting of that day; else at once
    answered_by: str | None = Field(default=None, max_length=120)
    answered_by_name: str | None = Field(default=None, max_length=120)
    answered_at: datetime | None = timestamp(nullable=True)


outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
audit = audit_table(metadata)
