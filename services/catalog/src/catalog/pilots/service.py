"""Pilot first, then roll out (先试点、后推开): which departments' matters reach the province.

While the rollout is off, only pilot departments' publications go to the provincial feed and
the single-matter endpoint; once it is on, every department's do. The pilot phase starts when
an administrator first saves the settings (so an upgraded zone keeps sending what it sent
until someone decides otherwise), and a zone without any pilot department is in no pilot
phase. Each feed entry's fate is decided once, by the setting in force when it was written,
and never changes afterwards:

- `release_state` None: written under the setting in force now (it decides at read time);
- before any change of the setting, every undecided entry is settled as `shown` or `held`
  under the setting it was written under, with the feed locked like `announce` locks it;
- when a department becomes eligible (marked pilot, or the rollout switched on), its `held`
  entries are re-announced: appended at the end of the feed, in their original order, as
  `shown` copies, and the originals marked `released` (never shown).

So a consumer that starts from the beginning sees each publication once (at its copy), and a
consumer already past the original position sees it once too, at the end. A department that
stops being a pilot keeps what the province already saw; its later publications are held.
"""

from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    and_,
    case,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session
from sqlmodel import col

from catalog.models import Department, FeedEntry, Matter, audit
from catalog.pilots.models import CatalogSetting
from kit.audit import record
from kit.auth import Principal
from kit.clock import now
from kit.db import UtcDateTime
from kit.errors import Invalid

ROLLOUT = "pilot_rollout"
SHOWN, HELD, RELEASED = "shown", "held", "released"


def _setting(session: Session) -> dict[str, Any] | None:
    row = session.get(CatalogSetting, ROLLOUT)
    return None if row is None else dict(row.value or {})


def rollout_on(*, session: Session) -> bool:
    """Whether the administrator switched the rollout on (off by default)."""
    return bool((_setting(session) or {}).get("on"))


def pilot_phase(*, session: Session) -> bool:
    """Whether only pilot departments' matters reach the province: an administrator has
    saved the pilot settings with the rollout off, and some department is a pilot."""
    setting = _setting(session)
    return setting is not None and not setting.get("on") and bool(session.scalar(
        select(exists().where(col(Department.is_pilot).is_(True)))))


def _pilot_matters() -> Any:
    return (select(col(Matter.implementation_code))
            .join(Department, col(Department.code) == Matter.department_code)
            .where(col(Department.is_pilot).is_(True)))


def feed_visible(*, session: Session) -> ColumnElement[bool]:
    """The condition a feed entry meets when the province may see it."""
    shown = col(FeedEntry.release_state) == SHOWN
    undecided = col(FeedEntry.release_state).is_(None)
    if not pilot_phase(session=session):
        return or_(shown, undecided)
    return or_(shown, and_(undecided, col(FeedEntry.implementation_code).in_(_pilot_matters())))


def released_to_province(*, session: Session, department_code: str) -> bool:
    """Whether a department's matters may be read by the province now."""
    if not pilot_phase(session=session):
        return True
    department = session.get(Department, department_code)
    return bool(department and department.is_pilot)


def pilot_settings(*, session: Session) -> dict[str, Any]:
    """The rollout switch, every department with its pilot mark, and what is held back."""
    departments = session.scalars(select(Department).order_by(col(Department.code)))
    held = session.scalar(select(func.count()).select_from(FeedEntry)
                          .where(col(FeedEntry.release_state) == HELD)) or 0
    if pilot_phase(session=session):  # undecided entries of non-pilots are held back as well
        held += session.scalar(select(func.count()).select_from(FeedEntry).where(
            col(FeedEntry.release_state).is_(None),
            col(FeedEntry.implementation_code).not_in(_pilot_matters()))) or 0
    return {"rollout": rollout_on(session=session), "pilot_phase": pilot_phase(session=session),
            "configured": _setting(session) is not None, "held": held,
            "departments": [{"code": d.code, "name": d.name, "is_pilot": d.is_pilot}
                            for d in departments]}


def update_pilots(*, session: Session, rollout: bool, pilots: list[str],
                  actor: Principal) -> dict[str, Any]:
    """Mark the pilot departments and switch the rollout; re-announce what becomes eligible."""
    departments = {d.code: d for d in session.scalars(select(Department))}
    unknown = sorted(set(pilots) - departments.keys())
    if unknown:
        raise Invalid(f"Unknown departments: {', '.join(unknown)}.",
                      errors=[{"loc": ["body", "pilots"], "msg": f"unknown department {c}"}
                              for c in unknown])
    _lock_feed(session)
    before = pilot_settings(session=session)
    _settle(session)
    _set_rollout(session, on=rollout, actor=actor.sub)
    for code, department in departments.items():
        department.is_pilot = code in pilots
    session.flush()
    released = _release(session)
    after = {**pilot_settings(session=session), "released": released}
    record(session, audit, actor=actor.sub, action="pilots.updated", entity="catalog_setting",
           entity_id=ROLLOUT, before=_audited(before), after=_audited(after))
    return after


def _audited(state: dict[str, Any]) -> dict[str, Any]:
    return {"rollout": state["rollout"], "released": state.get("released", 0),
            "pilots": [d["code"] for d in state["departments"] if d["is_pilot"]]}


def _lock_feed(session: Session) -> None:
    """Feed order is commit order: no publication may slip in while the fates are decided."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE catalog.feed_entry IN EXCLUSIVE MODE"))


def _settle(session: Session) -> None:
    """Decide every undecided entry by the setting in force until now."""
    undecided = col(FeedEntry.release_state).is_(None)
    if not pilot_phase(session=session):
        fate: Any = SHOWN
    else:
        fate = case((col(FeedEntry.implementation_code).in_(_pilot_matters()), SHOWN),
                    else_=HELD)
    session.execute(update(FeedEntry).where(undecided).values(release_state=fate)
                    .execution_options(synchronize_session=False))


def _set_rollout(session: Session, *, on: bool, actor: str) -> None:
    row = session.get(CatalogSetting, ROLLOUT)
    if row is None:
        row = CatalogSetting(key=ROLLOUT, value={}, updated_at=now(), updated_by=actor)
        session.add(row)
    row.value, row.updated_at, row.updated_by = {"on": on}, now(), actor


def _release(session: Session) -> int:
    """Re-announce, at the end of the feed, the held entries that are now eligible: copies in
    their original order (INSERT … SELECT … ORDER BY takes sequence numbers in that order)."""
    eligible = [col(FeedEntry.release_state) == HELD]
    if pilot_phase(session=session):
        eligible.append(col(FeedEntry.implementation_code).in_(_pilot_matters()))
    copies = (select(col(FeedEntry.operation), col(FeedEntry.implementation_code),
                     col(FeedEntry.version), col(FeedEntry.document),
                     literal(now(), UtcDateTime()), literal(SHOWN))
              .where(*eligible).order_by(col(FeedEntry.seq)))
    session.execute(insert(FeedEntry).from_select(
        ["operation", "implementation_code", "version", "document", "at", "release_state"],
        copies))
    released = cast(CursorResult[Any], session.execute(  # an UPDATE's result has a rowcount
        update(FeedEntry).where(*eligible).values(release_state=RELEASED)
        .execution_options(synchronize_session=False)))
    return released.rowcount or 0
