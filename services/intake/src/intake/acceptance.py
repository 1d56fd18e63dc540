"""Acceptance on the law's clock: 不予受理, the correction period, 一次性告知 meaning once, and
deemed acceptance (Administrative Licensing Law art. 32) when five working days pass."""

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake import clock, holidays, joint, ledger, repository
from intake.history import transition
from intake.models import Application, CorrectionNotice, Material, Matter, audit
from kit import audit as audit_trail
from kit.clock import china_date, now
from kit.errors import Conflict, NotFound

SYSTEM = "system"
# Art. 32: the department tells every correction within five days of receipt, or accepts.
NOTICE_DAYS = 5
DEEMED = ("《中华人民共和国行政许可法》第三十二条：申请材料不齐全或者不符合法定形式的，应当当场"
          "或者在五日内一次告知申请人需要补正的全部内容，逾期不告知的，自收到申请材料之日起即为受理。")
# The states a case may be refused acceptance from (before the clock starts).
NOT_YET_ACCEPTED = {"submitted", "correction_requested", "corrected"}


def not_accept(*, session: Session, application: Application, actor: str,
               decision: dict[str, Any]) -> None:
    """不予受理: the decision with its reason and legal basis (and the competent body when the
    matter is outside the department's competence) closes the case."""
    if application.state not in NOT_YET_ACCEPTED:
        raise Conflict(f"Application {application.id} is {application.state}; only an "
                       "application not yet accepted can be refused acceptance.")
    recorded = decision | {"at": now().isoformat(), "by": actor}
    transition(session, application, action="not_accept", actor=actor, to_state="not_accepted",
               changes={"non_acceptance": recorded, "correction_deadline": None},
               details={"non_acceptance": recorded})


def correction_days(*, session: Session, application: Application, default: int) -> int:
    """The matter's correction period in calendar days (the intake setting unless set)."""
    matter = session.get(Matter, application.implementation_code)
    return matter.correction_days if matter and matter.correction_days else default


def second_notice_refusal(*, session: Session, application: Application) -> str | None:
    """Why a further correction notice is refused, or None when it may be sent: one notice
    only, unless the applicant since changed a material the first notice did not name."""
    notices = repository.corrections(session=session, application_id=application.id or 0)
    if not notices:
        return None
    first = notices[0]
    version = repository.pinned_version(session=session, application=application)
    named = {str(item.get("material")) for item in first.items}
    unnamed = {i for i, m in enumerate(version.materials) if str(m.get("name")) not in named}
    changed = session.execute(select(col(Material.id)).where(
        col(Material.application_id) == application.id,
        col(Material.uploaded_at) > first.issued_at,
        col(Material.slot).in_(unnamed))).first()
    if changed is not None:
        return None
    return (f"One-time notice (一次性告知): corrections were asked for on "
            f"{china_date(first.issued_at).isoformat()} and the applicant has since changed no "
            "material that notice did not name, so no second notice may be sent; accept the "
            "application or refuse acceptance.")


def check_second_notice(*, session: Session, application: Application) -> None:
    """Refuse (409) a second correction notice the law does not allow."""
    refusal = second_notice_refusal(session=session, application=application)
    if refusal is not None:
        raise Conflict(refusal)


def notice_sent(*, session: Session, application: Application, actor: str,
                default_days: int) -> None:
    """After a notice: the applicant's correction deadline, and the clock paused."""
    days = correction_days(session=session, application=application, default=default_days)
    application.correction_deadline = china_date(now()) + timedelta(days=days)
    ledger.add(session, application, kind="paused", actor=actor, cause="correction",
               note=f"补正期限 {days} 日，至 {application.correction_deadline.isoformat()}")


def corrections_received(*, session: Session, application: Application, actor: str) -> None:
    """After the applicant's corrections: the clock resumed, the deadline met."""
    application.correction_deadline = None
    ledger.add(session, application, kind="resumed", actor=actor, cause="correction")


def receipt_deadline(*, application: Application, calendar: clock.Calendar) -> date | None:
    """The last day of the five working days after receipt (None: holiday table missing)."""
    try:
        return clock.due_date(start=china_date(application.submitted_at), limit=NOTICE_DAYS,
                              unit="working_day", calendar=calendar)
    except clock.MissingYear:
        return None


BATCH = 500  # applications read and locked per transaction of deemed acceptance


def deem_accepted(*, session: Session, today: date, after: int = 0,
                  batch: int | None = None) -> tuple[list[int], int | None]:
    """Art. 32: each application received with no notice and no decision for five working
    days counts as accepted from its receipt day. Reads up to `batch` applications waiting
    since before `today` less five days (five working days take five days at least) with an
    id after `after`; returns the ids moved and where the next part starts (None: done).
    Safe with replicas: rows are locked (PostgreSQL skips those another replica holds) and
    their state re-read."""
    batch = batch or BATCH
    received_before = datetime.combine(today - timedelta(days=NOTICE_DAYS - 1), time(), UTC)
    waiting = list(session.execute(select(Application).where(
        col(Application.state) == "submitted", col(Application.submitted_at) < received_before,
        col(Application.id) > after).order_by(col(Application.id)).limit(batch)
        .with_for_update(skip_locked=True)).scalars())
    noticed = set(session.execute(select(col(CorrectionNotice.application_id)).where(
        col(CorrectionNotice.application_id).in_([a.id for a in waiting]))).scalars())
    calendar, moved = holidays.calendar(session=session), []
    for application in waiting:
        deadline = receipt_deadline(application=application, calendar=calendar)
        if deadline is None or today <= deadline or application.id in noticed:
            continue
        received = china_date(application.submitted_at)
        ledger.add(session, application, kind="started", actor=SYSTEM, cause="deemed",
                   day=received, note=DEEMED)
        transition(session, application, action="deemed_accepted", actor=SYSTEM,
                   to_state="accepted", changes={"accepted_at": application.submitted_at},
                   details={"reason": DEEMED, "notice_deadline": deadline.isoformat()})
        joint.open_sign_off(session=session, application=application, actor=SYSTEM)
        moved.append(application.id or 0)
    return moved, (waiting[-1].id if len(waiting) == batch else None)


def set_correction_days(*, session: Session, code: str, days: int | None, actor: str) -> Matter:
    """An administrator sets a matter's correction period (None: back to the setting)."""
    matter = session.get(Matter, code)
    if matter is None:
        raise NotFound(f"No matter {code}.")
    before = {"correction_days": matter.correction_days}
    matter.correction_days, matter.updated_at = days, now()
    session.flush()
    audit_trail.record(session, audit, actor=actor, action="matter.correction_period",
                       entity="matter", entity_id=code, before=before,
                       after={"correction_days": days})
    return matter
