"""Review tables: groups and their routing rules, cases, opinions, consolidated feedback, the
preliminary check and the difficult questions."""

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
    """A review group (审核组): it owns the matters of the windows routed to it."""

    __tablename__ = "review_group"

    code: str = Field(primary_key=True, max_length=20)
    name: str = Field(max_length=100)


class RoutingRule(ReviewTable, table=True):
    """One window owned by one group: standards handled at that window go to that group."""

    __tablename__ = "routing_rule"

    window: str = Field(primary_key=True, max_length=40)
    group_code: str = Field(max_length=20, index=True, ondelete="CASCADE",
                            foreign_key="review.review_group.code")


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
    opened_at: datetime = timestamp(nullable=False)
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
