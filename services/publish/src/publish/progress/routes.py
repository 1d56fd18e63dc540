"""Progress API: figures per department, targets, the deadline, leaders' departments, 督办
notices and the review's workload (leaders, supervisors, administrators; departments read and
answer their own notices)."""

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from kit.app import SessionDep
from kit.auth import Principal, require
from kit.clock import china_today, end_of_day
from kit.types import Id
from publish.progress import notices, service, workload
from publish.progress.schemas import (
    LinksInput,
    NoticeAnswer,
    NoticeDecision,
    NoticeInput,
    SettingsInput,
    TargetInput,
)
from publish.schemas import PRINTABLE

router = APIRouter(prefix="/api/publish/v1/progress", tags=["progress"])
Overseer = Annotated[Principal, require("leader", "supervisor", "admin")]
Keeper = Annotated[Principal, require("leader", "admin")]
Admin = Annotated[Principal, require("admin")]
Issuer = Annotated[Principal, require(*notices.ISSUERS)]
NoticeReader = Annotated[Principal, require(*notices.OVERSEERS, *notices.DEPARTMENT_STAFF)]
Answerer = Annotated[Principal, require(*notices.DEPARTMENT_STAFF)]
Department = Annotated[str, Path(min_length=1, max_length=50, pattern=PRINTABLE)]
Leader = Annotated[str, Path(min_length=1, max_length=120, pattern=PRINTABLE)]
Day = Annotated[date | None, Query()]


def _period(start: date | None, end: date | None) -> tuple[date, date]:
    end = end or china_today()
    return start or end.replace(day=1), end


@router.get("")
def progress(session: SessionDep, caller: Overseer, start: Day = None,
             end: Day = None) -> dict[str, Any]:
    """Every department's progress for the period (default: this month so far), flagged by
    rule; a leader's own departments first."""
    first, last = _period(start, end)
    return service.summary(session=session, start=first, end=last,
                           leader=caller.sub if caller.has("leader") else None)


@router.get("/settings")
def read_settings(session: SessionDep, _: Overseer) -> dict[str, Any]:
    """The zone deadline, the straight line's start, the stall rule and the cadence."""
    return service.settings_of(service.current_settings(session=session))


@router.put("/settings")
def save_settings(body: SettingsInput, session: SessionDep, caller: Keeper) -> dict[str, Any]:
    """Set the zone deadline, the straight line's start and the stall rule."""
    return service.save_settings(session=session, body=body, actor=caller)


@router.put("/targets/{department_code}")
def save_target(department_code: Department, body: TargetInput, session: SessionDep,
                caller: Keeper) -> dict[str, Any]:
    """Set a department's target (null: all of its matters)."""
    return service.save_target(session=session, department=department_code, body=body,
                               actor=caller)


@router.get("/links")
def links(session: SessionDep, _: Overseer) -> dict[str, list[dict[str, Any]]]:
    """Each leader with the departments they oversee (领导挂钩)."""
    return {"items": service.links(session=session)}


@router.put("/links/{leader}")
def link_leader(leader: Leader, body: LinksInput, session: SessionDep,
                caller: Admin) -> dict[str, Any]:
    """Replace a leader's departments (the administrator keeps the links)."""
    return service.link_leader(session=session, leader=leader, body=body, actor=caller)


@router.get("/workload")
def review_workload(session: SessionDep, _: Overseer, start: Day = None,
                    end: Day = None) -> dict[str, Any]:
    """Standards, rounds, elements and characters reviewed per group and reviewer."""
    first, last = _period(start, end)
    service.check_period(first, last)
    return {"start": first, "end": last} | workload.figures(
        session=session, since=end_of_day(first - timedelta(days=1)), until=end_of_day(last))


@router.get("/notices")
def list_notices(session: SessionDep, caller: NoticeReader) -> dict[str, list[dict[str, Any]]]:
    """督办 notices: all for overseers, the department's own for its staff."""
    return {"items": notices.listed(session=session, principal=caller)}


@router.post("/notices", status_code=201)
def issue_notice(body: NoticeInput, session: SessionDep, caller: Issuer) -> dict[str, Any]:
    """Issue a 督办 notice to a department flagged today."""
    return notices.issue(session=session, body=body, actor=caller)


@router.get("/notices/{notice_id}")
def read_notice(notice_id: Id, session: SessionDep, caller: NoticeReader) -> dict[str, Any]:
    """One notice with its history."""
    return notices.view(notices.visible(session=session, principal=caller, notice_id=notice_id))


@router.post("/notices/{notice_id}/answer")
def answer_notice(notice_id: Id, body: NoticeAnswer, session: SessionDep,
                  caller: Answerer) -> dict[str, Any]:
    """The department's answer."""
    return notices.answer(session=session, notice_id=notice_id, body=body, actor=caller)


@router.post("/notices/{notice_id}/decision")
def decide_notice(notice_id: Id, body: NoticeDecision, session: SessionDep,
                  caller: Issuer) -> dict[str, Any]:
    """Close an answered notice, or send it back."""
    return notices.decide(session=session, notice_id=notice_id, body=body, actor=caller)
