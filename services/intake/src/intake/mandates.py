"""Mandates (代办授权): the enterprise grants, the butler accepts, either revokes; only an
active mandate in scope lets a butler file for the enterprise and see its applications."""

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, exists, false, or_
from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake.butler_schemas import MandateIn, MandateOut, MandateStatus
from intake.models import Application, Mandate, MandateMatter, Matter, audit
from kit import audit as audit_trail
from kit.auth import Principal
from kit.clock import china_today, now
from kit.errors import Conflict, Forbidden, Invalid, NotFound


def is_enterprise(principal: Principal) -> bool:
    """An enterprise's own account: an applicant acting for its credit code."""
    return principal.has("applicant") and bool(principal.enterprise)


def status(mandate: Mandate, today: date | None = None) -> MandateStatus:
    """Where a mandate stands today (China's date)."""
    if mandate.revoked_at is not None:
        return "revoked"
    if mandate.expires_on < (today or china_today()):
        return "expired"
    return "active" if mandate.accepted_at is not None else "pending"


def active_for(butler_sub: str) -> ColumnElement[bool]:
    """The applications an active, in-scope mandate lets the butler see, as a WHERE clause."""
    listed = exists().where(col(MandateMatter.mandate_id) == col(Mandate.id),
                            col(MandateMatter.implementation_code)
                            == col(Application.implementation_code))
    return exists().where(
        col(Mandate.enterprise) == col(Application.enterprise),
        col(Mandate.butler_sub) == butler_sub, col(Mandate.accepted_at).is_not(None),
        col(Mandate.revoked_at).is_(None), col(Mandate.expires_on) >= china_today(),
        or_(col(Mandate.all_matters), listed))


def grant(*, session: Session, principal: Principal, mandate: MandateIn) -> MandateOut:
    """The enterprise grants a butler a mandate; it waits for the butler's acceptance."""
    if not is_enterprise(principal):
        raise Forbidden("Only an enterprise's own account grants mandates.")
    if mandate.expires_on < china_today():
        raise Invalid("The expiry date has passed: choose a day from today on.")
    if mandate.butler == principal.sub:
        raise Invalid("An enterprise does not mandate its own account.")
    codes = sorted(set(mandate.matters))
    _check_known(session, codes)
    if _live(session, principal.enterprise or "", mandate.butler):
        raise Conflict(f"{mandate.butler} already holds a mandate of this enterprise that is "
                       "pending or active: revoke it first.")
    row = Mandate(enterprise=principal.enterprise or "",
                  enterprise_name=(principal.name or principal.enterprise or "")[:200],
                  butler_sub=mandate.butler, butler_name=mandate.butler_name or mandate.butler,
                  all_matters=not codes, expires_on=mandate.expires_on,
                  granted_by=principal.sub, granted_at=now())
    session.add(row)
    session.flush()
    session.add_all([MandateMatter(mandate_id=row.id or 0, implementation_code=c)
                     for c in codes])
    session.flush()
    _audit(session, principal, "mandate.granted", row, None)
    return shown(session, row)


def accept(*, session: Session, principal: Principal, mandate_id: int) -> MandateOut:
    """The butler accepts a pending mandate granted to them."""
    row = _mine(session, principal, mandate_id)
    if row.butler_sub != principal.sub:
        raise Forbidden("Only the butler a mandate names accepts it.")
    if (found := status(row)) != "pending":
        raise Conflict(f"Mandate {mandate_id} is {found}: only a pending mandate is accepted.")
    before = _state(row)
    row.accepted_at, row.butler_name = now(), (principal.name or row.butler_name)[:100]
    session.flush()
    _audit(session, principal, "mandate.accepted", row, before)
    return shown(session, row)


def revoke(*, session: Session, principal: Principal, mandate_id: int,
           reason: str) -> MandateOut:
    """The enterprise or the butler ends a mandate, with a reason."""
    row = _mine(session, principal, mandate_id)
    if row.revoked_at is not None:
        raise Conflict(f"Mandate {mandate_id} was revoked already.")
    before = _state(row)
    row.revoked_at, row.revoked_by, row.revoke_reason = now(), principal.sub, reason or None
    session.flush()
    _audit(session, principal, "mandate.revoked", row, before)
    return shown(session, row)


def mine(*, session: Session, principal: Principal) -> list[MandateOut]:
    """The mandates the enterprise granted or the butler was granted, newest first."""
    rows = session.execute(select(Mandate).where(_of(principal))
                           .order_by(col(Mandate.id).desc())).scalars()
    return [shown(session, row) for row in rows]


def check_filing(*, session: Session, principal: Principal, enterprise: str,
                 code: str) -> Mandate:
    """The butler's active mandate of `enterprise` covering matter `code`; a refusal that says
    what is wrong with the mandate otherwise."""
    rows = list(session.execute(select(Mandate).where(
        col(Mandate.enterprise) == enterprise, col(Mandate.butler_sub) == principal.sub)
        .order_by(col(Mandate.id).desc())).scalars())
    if not rows:
        raise Forbidden(f"You hold no mandate of {enterprise}: the enterprise grants one on "
                        "its 我的授权 page, then you accept it.")
    for row in rows:
        if status(row) == "active" and (row.all_matters or code in _scope(session, row)):
            return row
    latest, today = rows[0], china_today()
    reasons = {"pending": "is not accepted yet: accept it first",
               "expired": f"expired on {latest.expires_on.isoformat()}",
               "revoked": "was revoked",
               "active": f"does not cover matter {code}: ask the enterprise for a new one"}
    raise Forbidden(f"Your mandate of {enterprise} {reasons[status(latest, today)]}; you may "
                    "not file on its behalf.")


def shown(session: Session, row: Mandate) -> MandateOut:
    """A mandate as the API shows it."""
    return MandateOut(
        id=row.id or 0, enterprise=row.enterprise, enterprise_name=row.enterprise_name,
        butler=row.butler_sub, butler_name=row.butler_name, all_matters=row.all_matters,
        matters=[] if row.all_matters else sorted(_scope(session, row)),
        expires_on=row.expires_on, granted_by=row.granted_by, granted_at=row.granted_at,
        accepted_at=row.accepted_at, revoked_by=row.revoked_by, revoked_at=row.revoked_at,
        revoke_reason=row.revoke_reason, status=status(row))


def _scope(session: Session, row: Mandate) -> set[str]:
    return set(session.execute(select(col(MandateMatter.implementation_code)).where(
        col(MandateMatter.mandate_id) == row.id)).scalars())


def _of(principal: Principal) -> ColumnElement[bool]:
    clauses = []
    if is_enterprise(principal):
        clauses.append(col(Mandate.enterprise) == principal.enterprise)
    if principal.has("butler"):
        clauses.append(col(Mandate.butler_sub) == principal.sub)
    return or_(*clauses) if clauses else false()


def _mine(session: Session, principal: Principal, mandate_id: int) -> Mandate:
    row = session.execute(select(Mandate).where(col(Mandate.id) == mandate_id, _of(principal))
                          .with_for_update()).scalar_one_or_none()
    if row is None:
        raise NotFound(f"No mandate {mandate_id}.")
    return row


def _live(session: Session, enterprise: str, butler: str) -> bool:
    rows = session.execute(select(Mandate).where(
        col(Mandate.enterprise) == enterprise, col(Mandate.butler_sub) == butler)).scalars()
    return any(status(row) in ("pending", "active") for row in rows)


def _check_known(session: Session, codes: list[str]) -> None:
    known = set(session.execute(select(col(Matter.implementation_code)).where(
        col(Matter.implementation_code).in_(codes))).scalars()) if codes else set()
    if unknown := [c for c in codes if c not in known]:
        raise Invalid(f"No published matter {', '.join(unknown)}: list published matters only.")


def _state(row: Mandate) -> dict[str, Any]:
    return {"status": status(row), "butler": row.butler_sub,
            "expires_on": row.expires_on.isoformat(),
            "all_matters": row.all_matters, "revoke_reason": row.revoke_reason}


def _audit(session: Session, principal: Principal, action: str, row: Mandate,
           before: dict[str, Any] | None) -> None:
    audit_trail.record(session, audit, actor=principal.sub, action=action, entity="mandate",
                       entity_id=str(row.id), before=before,
                       after=_state(row) | {"enterprise": row.enterprise})
