"""Briefings: draft from the template, edit, submit, approve or return, publish as 第N期."""

import calendar
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from kit.audit import record
from kit.auth import Principal
from kit.clock import now
from kit.errors import Conflict, NotFound
from publish.briefings import figures, repository
from publish.briefings.models import Briefing
from publish.briefings.schemas import (
    Archive,
    ArchiveLine,
    Body,
    BriefingCreate,
    BriefingEdit,
    BriefingPublic,
    Drafts,
    ReturnRequest,
)
from publish.models import audit

DRAFTERS = ("publisher", "supervisor")  # draft, edit and submit
APPROVERS = ("leader",)  # approve or return with a reason
PUBLISHERS = ("publisher",)  # publish an approved briefing
STAFF = (*DRAFTERS, *APPROVERS)
FEED = 20  # briefings in the Atom feed


def default_title(start: date, end: date) -> str:
    """The template's title: the month when the period is one whole month, else the days."""
    last = calendar.monthrange(start.year, start.month)[1]
    if start.day == 1 and end == start.replace(day=last):
        return f"“一网通办”标准化工作简报（{start.year}年{start.month}月）"
    return f"“一网通办”标准化工作简报（{figures.span(start, end)}）"


def create(*, session: Session, principal: Principal, request: BriefingCreate) -> BriefingPublic:
    """A new draft for the period, its sections filled with the period's figures."""
    start, end = request.period_start, request.period_end
    sections = figures.sections(session=session, start=start, end=end)
    at = now()
    row = Briefing(title=request.title or default_title(start, end), period_start=start,
                   period_end=end, body=Body(sections=sections).model_dump(), state="draft",
                   author=principal.sub, author_name=principal.name or principal.sub,
                   created_at=at, updated_at=at)
    session.add(row)
    session.flush()
    _audit(session, principal, "briefing.drafted", row, None)
    return public(row)


def edit(*, session: Session, principal: Principal, briefing_id: int,
         change: BriefingEdit) -> BriefingPublic:
    """Save the drafter's title and text; only a draft changes."""
    row = _in_state(session, briefing_id, "draft", "edit")
    before = {"title": row.title}
    row.title, row.body, row.updated_at = change.title, change.body.model_dump(), now()
    session.flush()
    _audit(session, principal, "briefing.edited", row, before)
    return public(row)


def submit(*, session: Session, principal: Principal, briefing_id: int) -> BriefingPublic:
    """Send a draft to the leaders for approval."""
    row = _in_state(session, briefing_id, "draft", "submit")
    row.state, row.submitted_at, row.return_reason = "submitted", now(), None
    return _moved(session, principal, row, "draft", "briefing.submitted")


def approve(*, session: Session, principal: Principal, briefing_id: int) -> BriefingPublic:
    """A leader approves a submitted briefing for publication."""
    row = _in_state(session, briefing_id, "submitted", "approve")
    row.state, row.approved_at = "approved", now()
    row.approver, row.approver_name = principal.sub, principal.name or principal.sub
    return _moved(session, principal, row, "submitted", "briefing.approved")


def send_back(*, session: Session, principal: Principal, briefing_id: int,
              request: ReturnRequest) -> BriefingPublic:
    """A leader returns a submitted (or approved, unpublished) briefing to draft, saying why."""
    row = _in_state(session, briefing_id, ("submitted", "approved"), "return")
    before = row.state
    row.state, row.return_reason = "draft", request.reason
    row.approver = row.approver_name = row.approved_at = None
    return _moved(session, principal, row, before, "briefing.returned")


def publish(*, session: Session, principal: Principal, briefing_id: int) -> BriefingPublic:
    """Publish an approved briefing as the next 第N期, numbered in this transaction."""
    row = _in_state(session, briefing_id, "approved", "publish")
    row.number = repository.next_number(session=session)
    row.state, row.published_at, row.publisher = "published", now(), principal.sub
    return _moved(session, principal, row, "approved", "briefing.published")


def _in_state(session: Session, briefing_id: int, states: str | tuple[str, ...],
              action: str) -> Briefing:
    row = repository.by_id(session=session, briefing_id=briefing_id, lock=True)
    if row is None:
        raise NotFound(f"No briefing {briefing_id}.")
    allowed = (states,) if isinstance(states, str) else states
    if row.state not in allowed:
        raise Conflict(f"Briefing {briefing_id} is {row.state}; only a briefing "
                       f"{' or '.join(allowed)} can {action}.")
    return row


def _moved(session: Session, principal: Principal, row: Briefing, before: str,
           action: str) -> BriefingPublic:
    row.updated_at = now()
    session.flush()
    _audit(session, principal, action, row, {"state": before})
    return public(row)


def _audit(session: Session, principal: Principal, action: str, row: Briefing,
           before: dict[str, Any] | None) -> None:
    after = {"state": row.state, "title": row.title, "number": row.number,
             "reason": row.return_reason}
    record(session, audit, actor=principal.sub, action=action, entity="briefing",
           entity_id=str(row.id), before=before, after=after)


def public(row: Briefing) -> BriefingPublic:
    """A briefing as the API shows it."""
    return BriefingPublic.model_validate(row, from_attributes=True)


def archive(*, session: Session) -> Archive:
    """The published briefings, newest first."""
    return Archive(items=[ArchiveLine(number=r.number or 0, title=r.title,
                                      period_start=r.period_start, period_end=r.period_end,
                                      published_at=r.published_at or r.updated_at)
                          for r in repository.archive(session=session)])


def published_one(*, session: Session, number: int) -> BriefingPublic:
    """The published briefing 第N期; 404 for any other number (drafts are never public)."""
    row = repository.published(session=session, number=number)
    if row is None:
        raise NotFound(f"No published briefing number {number}.")
    return public(row)


def feed(*, session: Session) -> Drafts:
    """The latest published briefings, whole, newest first."""
    return Drafts(items=[public(r) for r in repository.archive(session=session, limit=FEED)])


def drafts(*, session: Session) -> Drafts:
    """Briefings not yet published, for staff."""
    return Drafts(items=[public(r) for r in repository.unpublished(session=session)])


def staff_one(*, session: Session, briefing_id: int) -> BriefingPublic:
    """Any briefing by its id, for staff."""
    row = repository.by_id(session=session, briefing_id=briefing_id)
    if row is None:
        raise NotFound(f"No briefing {briefing_id}.")
    return public(row)
