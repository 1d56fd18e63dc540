"""Briefings under /api/publish/v1/briefings: published ones for everyone, the rest for staff."""

from typing import Annotated

from fastapi import APIRouter, Path

from kit.app import SessionDep
from kit.auth import Principal, require
from kit.types import INT32_MAX
from publish.briefings import service
from publish.briefings.schemas import (
    Archive,
    BriefingCreate,
    BriefingEdit,
    BriefingPublic,
    Drafts,
    ReturnRequest,
)
from publish.routes import READERS

router = APIRouter(prefix="/api/publish/v1/briefings", tags=["briefings"])
BriefingId = Annotated[int, Path(ge=1, le=INT32_MAX)]
Number = Annotated[int, Path(ge=1, le=INT32_MAX)]


@router.get("")
def archive(session: SessionDep, _: Principal = require(*READERS)) -> Archive:
    """The archive: published briefings, newest 第N期 first."""
    return service.archive(session=session)


@router.get("/feed")
def feed(session: SessionDep, _: Principal = require(*READERS)) -> Drafts:
    """The latest published briefings with their text, newest first (for the Atom feed)."""
    return service.feed(session=session)


@router.get("/drafts")
def drafts(session: SessionDep, _: Principal = require(*service.STAFF)) -> Drafts:
    """Briefings in draft, submitted or approved (staff)."""
    return service.drafts(session=session)


@router.post("/drafts", status_code=201)
def create(request: BriefingCreate, session: SessionDep,
           principal: Principal = require(*service.DRAFTERS)) -> BriefingPublic:
    """A new briefing for a period, drafted from the template with the period's figures."""
    return service.create(session=session, principal=principal, request=request)


@router.get("/drafts/{briefing_id}")
def staff_one(briefing_id: BriefingId, session: SessionDep,
              _: Principal = require(*service.STAFF)) -> BriefingPublic:
    """Any briefing by id, whatever its state (staff)."""
    return service.staff_one(session=session, briefing_id=briefing_id)


@router.put("/drafts/{briefing_id}")
def edit(briefing_id: BriefingId, change: BriefingEdit, session: SessionDep,
         principal: Principal = require(*service.DRAFTERS)) -> BriefingPublic:
    """Save a draft's title and sections."""
    return service.edit(session=session, principal=principal, briefing_id=briefing_id,
                        change=change)


@router.post("/drafts/{briefing_id}/submit")
def submit(briefing_id: BriefingId, session: SessionDep,
           principal: Principal = require(*service.DRAFTERS)) -> BriefingPublic:
    """Submit a draft for a leader's approval."""
    return service.submit(session=session, principal=principal, briefing_id=briefing_id)


@router.post("/drafts/{briefing_id}/approve")
def approve(briefing_id: BriefingId, session: SessionDep,
            principal: Principal = require(*service.APPROVERS)) -> BriefingPublic:
    """A leader approves a submitted briefing."""
    return service.approve(session=session, principal=principal, briefing_id=briefing_id)


@router.post("/drafts/{briefing_id}/return")
def send_back(briefing_id: BriefingId, request: ReturnRequest, session: SessionDep,
              principal: Principal = require(*service.APPROVERS)) -> BriefingPublic:
    """A leader returns a briefing to draft with a reason."""
    return service.send_back(session=session, principal=principal, briefing_id=briefing_id,
                             request=request)


@router.post("/drafts/{briefing_id}/publish")
def publish(briefing_id: BriefingId, session: SessionDep,
            principal: Principal = require(*service.PUBLISHERS)) -> BriefingPublic:
    """Publish an approved briefing as the next 第N期."""
    return service.publish(session=session, principal=principal, briefing_id=briefing_id)


@router.get("/{number}")
def published_one(number: Number, session: SessionDep,
                  _: Principal = require(*READERS)) -> BriefingPublic:
    """The published briefing 第N期 (404 for a number not published)."""
    return service.published_one(session=session, number=number)
