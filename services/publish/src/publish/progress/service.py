"""Standardization progress per department: the moves catalog reports, the targets, the zone
deadline and the leaders' departments, judged by rule (`summary`, the seam reports and
briefings read)."""

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy.orm import Session

from kit.audit import record
from kit.auth import Principal
from kit.clock import china_date, china_today, end_of_day, now
from kit.errors import Invalid
from publish.models import audit
from publish.progress import figures, repository, workload
from publish.progress.models import DepartmentTarget, LeaderLink, ProgressSetting, StateChange
from publish.progress.schemas import LinksInput, SettingsInput, StateChangedEvent, TargetInput

LONGEST_PERIOD = 3700  # days: ten years and a little


def on_state_changed(*, session: Session, event: StateChangedEvent) -> None:
    """`matter_version.state_changed`: keep the move once (the inbox dedupes its id, this the
    move itself, sent again under another id)."""
    if repository.change(session=session, code=event.implementation_code,
                         version=event.version, to=event.to_state, at=event.at):
        return
    session.add(StateChange(
        implementation_code=event.implementation_code, version=event.version, name=event.name,
        department_code=event.department.code, department_name=event.department.name,
        from_state=event.from_state, to_state=event.to_state, at=event.at, received_at=now()))
    session.flush()


def current_settings(*, session: Session) -> ProgressSetting:
    """The zone's settings (the defaults until someone saves them)."""
    return repository.setting(session=session) or ProgressSetting(id=1)


def _saved_settings(session: Session) -> ProgressSetting:
    row = repository.setting(session=session)
    if row is None:
        row = ProgressSetting(id=1)
        session.add(row)
    return row


def settings_of(row: ProgressSetting) -> dict[str, Any]:
    """The settings as an answer."""
    return {"deadline": row.deadline, "started_on": row.started_on,
            "stall_working_days": row.stall_working_days, "cadence": row.cadence,
            "updated_by": row.updated_by, "updated_at": row.updated_at}


def save_settings(*, session: Session, body: SettingsInput, actor: Principal) -> dict[str, Any]:
    """Set the deadline, the straight line's start and the stall rule (audited)."""
    if body.deadline and body.started_on and body.started_on >= body.deadline:
        raise Invalid("started_on must come before the deadline.")
    row = _saved_settings(session)
    before = settings_of(row)
    row.deadline, row.started_on = body.deadline, body.started_on
    row.stall_working_days = body.stall_working_days
    row.updated_by, row.updated_at = actor.sub, now()
    session.flush()
    record(session, audit, actor=actor.sub, action="progress.settings_changed",
           entity="progress_setting", entity_id="1", before=to_jsonable_python(before),
           after=to_jsonable_python(settings_of(row)))
    return settings_of(row)


def save_target(*, session: Session, department: str, body: TargetInput,
                actor: Principal) -> dict[str, Any]:
    """Set (or, with null, drop) a department's target (audited)."""
    row = session.get(DepartmentTarget, department)
    before = row.target if row else None
    if body.target is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(DepartmentTarget(department_code=department, target=body.target,
                                     updated_by=actor.sub, updated_at=now()))
    else:
        row.target, row.updated_by, row.updated_at = body.target, actor.sub, now()
    session.flush()
    record(session, audit, actor=actor.sub, action="progress.target_changed",
           entity="department_target", entity_id=department, before={"target": before},
           after={"target": body.target})
    return {"department_code": department, "target": body.target}


def link_leader(*, session: Session, leader: str, body: LinksInput,
                actor: Principal) -> dict[str, Any]:
    """Replace the departments a leader oversees (audited)."""
    held = [link for link in repository.links(session=session) if link.leader == leader]
    before = [link.department_code for link in held]
    for link in held:
        session.delete(link)
    session.flush()
    for code in dict.fromkeys(body.departments):
        session.add(LeaderLink(leader=leader, department_code=code, leader_name=body.leader_name))
    session.flush()
    record(session, audit, actor=actor.sub, action="progress.leader_linked", entity="leader",
           entity_id=leader, before=before, after=list(dict.fromkeys(body.departments)))
    return {"leader": leader, "leader_name": body.leader_name,
            "departments": list(dict.fromkeys(body.departments))}


def links(*, session: Session) -> list[dict[str, Any]]:
    """Each leader with the departments they oversee."""
    found: dict[str, dict[str, Any]] = {}
    for link in repository.links(session=session):
        found.setdefault(link.leader, {"leader": link.leader, "leader_name": link.leader_name,
                                       "departments": []})["departments"].append(
            link.department_code)
    return list(found.values())


def check_period(start: date, end: date) -> None:
    """A period runs forwards and is not absurdly long."""
    if end < start:
        raise Invalid("end must not come before start.")
    if (end - start).days > LONGEST_PERIOD:
        raise Invalid("A period is at most ten years long.")


def summary(*, session: Session, start: date, end: date,
            leader: str | None = None) -> dict[str, Any]:
    """The progress of every department for the period [start, end] (China's days), judged as
    of its end; `leader`'s own departments first. The seam reports and briefings read."""
    check_period(start, end)
    until, settings = end_of_day(end), current_settings(session=session)
    changes = repository.changes_until(session=session, until=until)
    line_start = settings.started_on or (china_date(changes[0].at) if changes else None)
    rules = figures.Rules(start=start, end=end, until=until, deadline=settings.deadline,
                          line_start=line_start,
                          stall_working_days=settings.stall_working_days)
    by_department: dict[str, list[figures.Track]] = defaultdict(list)
    for track in figures.tracks(changes):
        by_department[track.department[0]].append(track)
    known = _known(session, changes, until)
    targets, overseers = repository.targets(session=session), _overseers(session)
    mine = {link.department_code for link in repository.links(session=session)
            if link.leader == leader}
    notices = _notice_counts(session, end)
    departments = []
    for code, tracks in by_department.items():
        row = figures.department(code, tracks[-1].department[1], tracks, targets.get(code),
                                 rules, known=known.get(code, 0))
        departments.append(row | {"leaders": overseers.get(code, []), "linked": code in mine}
                           | notices.get(code, {"notices_open": 0, "notices_overdue": 0}))
    departments.sort(key=lambda d: (not d["linked"], not d["flags"], d["published_share"],
                                    d["name"]))
    return {"start": start, "end": end, "as_of": min(until, now()),
            "deadline": settings.deadline, "line_start": line_start,
            "stall_working_days": settings.stall_working_days,
            "departments": departments, "totals": _totals(departments),
            "workload": workload.figures(session=session,
                                         since=end_of_day(start - timedelta(days=1)),
                                         until=until)}


def _known(session: Session, changes: list[StateChange], until: datetime) -> dict[str, int]:
    """Each department's matters known today (from every move, later ones included)."""
    everything = changes if until >= now() else repository.changes_until(
        session=session, until=now())
    codes: dict[str, set[str]] = defaultdict(set)
    for change in everything:
        codes[change.department_code].add(change.implementation_code)
    return {code: len(found) for code, found in codes.items()}


def _overseers(session: Session) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for link in repository.links(session=session):
        found[link.department_code].append(link.leader_name)
    return found


def _notice_counts(session: Session, end: date) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"notices_open": 0,
                                                             "notices_overdue": 0})
    for notice in repository.notices(session=session):
        if notice.state != "closed" and china_date(notice.issued_at) <= end:
            counts[notice.department_code]["notices_open"] += 1
            counts[notice.department_code]["notices_overdue"] += int(
                notice.answered_at is None and notice.due < min(end, china_today()))
    return dict(counts)


def _totals(departments: list[dict[str, Any]]) -> dict[str, Any]:
    counts = {state: sum(d["counts"][state] for d in departments) for state in figures.STATES}
    target = sum(d["target"] for d in departments)
    return {"matters": sum(d["matters"] for d in departments), "target": target,
            "counts": counts, "published_share": round(min(counts["published"] / target, 1.0), 4)
            if target else 1.0, "flagged": sum(bool(d["flags"]) for d in departments),
            "published_in_period": sum(d["published_in_period"] for d in departments)}
