"""Progress reports on a cadence: generated per period (monthly by default, or weekly), archived
as a snapshot of the figures, compared with the report before, and kept for download."""

from datetime import date
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from kit.audit import record
from kit.auth import Principal
from kit.clock import china_date, china_today, now
from kit.errors import NotFound
from publish.models import audit
from publish.progress import notices, repository, service
from publish.progress.models import ProgressSetting
from publish.reports.models import ProgressReport
from publish.reports.periods import period_of, previous

SYSTEM = "service:publish"
QUIET_SECONDS = 20  # the demo's archive waits until catalog's history has stopped arriving


def figures(*, session: Session, start: date, end: date) -> dict[str, Any]:
    """The snapshot of a period: progress, flags, notices and workload, as plain JSON."""
    progress = service.summary(session=session, start=start, end=end)
    issued = [notices.view(n) for n in repository.notices(session=session)
              if china_date(n.issued_at) <= end
              and (n.state != "closed" or china_date(n.closed_at or n.issued_at) >= start)]
    progress["notices"] = [{k: n[k] for k in ("id", "department_name", "reason", "due",
                                              "state", "late", "overdue", "issued_at")}
                           for n in issued]
    return to_jsonable_python(progress)  # type: ignore[no-any-return]  # a dict in, a dict out


def generate(*, session: Session, cadence: str, start: date, end: date, partial: bool,
             actor: str) -> ProgressReport:
    """Make (or make again, while partial) the report of one period and archive it."""
    report = session.scalars(select(ProgressReport).where(
        col(ProgressReport.cadence) == cadence,
        col(ProgressReport.period_start) == start)).first()
    if report is not None and not report.partial:
        return report  # a finished period's report is archived once
    snapshot = figures(session=session, start=start, end=end)
    if report is None:
        report = ProgressReport(cadence=cadence, period_start=start, period_end=end,
                                partial=partial, generated_at=now(), generated_by=actor,
                                figures=snapshot)
        session.add(report)
    else:
        report.partial, report.generated_at, report.generated_by = partial, now(), actor
        report.figures = snapshot
    session.flush()
    record(session, audit, actor=actor, action="report.generated", entity="progress_report",
           entity_id=str(report.id), after={"cadence": cadence, "start": start.isoformat(),
                                            "end": end.isoformat(), "partial": partial})
    return report


def generate_now(*, session: Session, actor: Principal,
                 today: date | None = None) -> ProgressReport:
    """The current period's report so far, at the cadence in force."""
    today = today or china_today()
    cadence = service.current_settings(session=session).cadence
    start, end = period_of(cadence, today)
    return generate(session=session, cadence=cadence, start=start, end=end,
                    partial=end >= today, actor=actor.sub)


def set_cadence(*, session: Session, cadence: str, actor: Principal) -> dict[str, Any]:
    """Switch between monthly and weekly reports; the next period follows it (audited)."""
    row = repository.setting(session=session)
    if row is None:
        row = ProgressSetting(id=1)
        session.add(row)
    before, row.cadence = row.cadence, cadence
    row.updated_by, row.updated_at = actor.sub, now()
    session.flush()
    record(session, audit, actor=actor.sub, action="report.cadence_changed",
           entity="progress_setting", entity_id="1", before={"cadence": before},
           after={"cadence": cadence})
    start, end = period_of(cadence, china_today())
    return {"cadence": cadence, "current_period": {"start": start, "end": end}}


def run_once(*, session: Session, today: date | None = None) -> list[int]:
    """The loop's round: archive the period just ended, and the demo's past periods."""
    today = today or china_today()
    settings = service.current_settings(session=session)
    made = []
    for start, end in _due(session, settings, today):
        made.append(generate(session=session, cadence="monthly" if settings.backfill_periods
                             else settings.cadence, start=start, end=end, partial=False,
                             actor=SYSTEM).id or 0)
    if settings.backfill_periods and made:
        settings.backfill_periods = 0
        session.flush()
    return made


def backfill_waiting(*, session: Session) -> bool:
    """Whether the demo's past periods are still to be archived."""
    return bool(service.current_settings(session=session).backfill_periods)


def _due(session: Session, settings: ProgressSetting, today: date) -> list[tuple[date, date]]:
    if settings.backfill_periods:
        received = repository.last_received(session=session)
        if received is None or (now() - received).total_seconds() < QUIET_SECONDS:
            return []  # the history is still arriving
        return previous("monthly", today, settings.backfill_periods)
    return previous(settings.cadence, today)


def listed(*, session: Session) -> list[dict[str, Any]]:
    """Every archived report, newest period first, without its figures."""
    reports = session.scalars(select(ProgressReport).order_by(
        col(ProgressReport.period_start).desc(), col(ProgressReport.id).desc()))
    return [_head(r) | {"totals": r.figures.get("totals", {})} for r in reports]


def _head(report: ProgressReport) -> dict[str, Any]:
    return {"id": report.id, "cadence": report.cadence, "period_start": report.period_start,
            "period_end": report.period_end, "partial": report.partial,
            "generated_at": report.generated_at, "generated_by": report.generated_by}


def found(*, session: Session, report_id: int) -> ProgressReport:
    """One archived report (404 otherwise)."""
    report = session.get(ProgressReport, report_id)
    if report is None:
        raise NotFound(f"No report {report_id}.")
    return report


def earlier(session: Session, report: ProgressReport) -> ProgressReport | None:
    """The report of the period before, at the same cadence."""
    return session.scalars(select(ProgressReport).where(
        col(ProgressReport.cadence) == report.cadence,
        col(ProgressReport.period_start) < report.period_start)
        .order_by(col(ProgressReport.period_start).desc()).limit(1)).first()


def shown(*, session: Session, report_id: int) -> dict[str, Any]:
    """A report with its figures and each figure's change since the report before."""
    report = found(session=session, report_id=report_id)
    before = earlier(session, report)
    return _head(report) | {"figures": report.figures, "previous": _head(before) if before
                            else None, "changes": changes(report.figures,
                                                          before.figures if before else None)}


def changes(now_: dict[str, Any], then: dict[str, Any] | None) -> dict[str, Any]:
    """The change of each headline figure, zone-wide and per department (None: no report)."""
    if then is None:
        return {"totals": None, "departments": {}}
    past = {d["code"]: d for d in then.get("departments", [])}
    return {"totals": _delta(now_.get("totals", {}), then.get("totals", {})),
            "departments": {d["code"]: _delta(d, past[d["code"]]) for d in
                            now_.get("departments", []) if d["code"] in past}}


def _delta(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    keys = ("published_share", "published_in_period", "matters", "target", "flagged")
    delta = {k: round(a[k] - b.get(k, 0), 4) for k in keys if isinstance(a.get(k), int | float)}
    counts = a.get("counts", {})
    delta["counts"] = {k: v - b.get("counts", {}).get(k, 0) for k, v in counts.items()}
    if "flags" in a:
        delta["flags"] = len(a["flags"]) - len(b.get("flags", []))
    return delta


