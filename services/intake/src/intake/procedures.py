"""What stops or lengthens a running clock: a special procedure of the pinned standard
(听证, 检验检测, 专家评审…) pauses it; an extension the department approves lengthens it."""

from typing import Any

from sqlalchemy.orm import Session

from intake import ledger, repository
from intake.models import Application
from kit.errors import Conflict, Forbidden, Invalid


def special_procedures(document: dict[str, Any]) -> list[str]:
    """The names of the special procedures the pinned standard lists."""
    listed = document.get("special_procedures") or []
    return [str(p.get("name")) for p in listed if isinstance(p, dict) and p.get("name")]


def extension_rule(document: dict[str, Any]) -> tuple[bool, int]:
    """Whether the pinned standard allows an extension, and its longest length in days."""
    rule = document.get("extension") or {}
    if not isinstance(rule, dict):
        return False, 0
    return bool(rule.get("allowed")), int(rule.get("max_days") or 0)


def _running(session: Session, application: Application) -> ledger.Reading:
    if application.state != "accepted":
        raise Conflict(f"Application {application.id} is {application.state}; the legal clock "
                       "runs only on an accepted application.")
    return ledger.reading(session=session, application=application)


def start_special(*, session: Session, application: Application, procedure: str,
                  note: str | None, actor: str) -> None:
    """Pause the clock for one of the standard's special procedures."""
    if _running(session, application).paused is not None:
        raise Conflict("A special procedure is already under way; end it first.")
    version = repository.pinned_version(session=session, application=application)
    listed = special_procedures(version.document)
    if procedure not in listed:
        raise Invalid(f"The standard lists no special procedure {procedure!r}.", errors=[
            {"loc": ["body", "procedure"], "msg": f"not one of: {', '.join(listed) or 'none'}"}])
    ledger.add(session, application, kind="paused", actor=actor, cause=procedure, note=note)


def end_special(*, session: Session, application: Application, actor: str) -> None:
    """Resume the clock when the special procedure under way ends."""
    cause = _running(session, application).paused
    if cause is None:
        raise Conflict("No special procedure is under way.")
    ledger.add(session, application, kind="resumed", actor=actor, cause=cause)


def extend(*, session: Session, application: Application, department: str | None, days: int,
           reason: str, actor: str) -> None:
    """Lengthen the limit by `days`, approved by the matter's department, within the
    standard's longest extension."""
    if department != application.department_code:
        raise Forbidden("Only an approver of the matter's department may extend its limit.")
    _running(session, application)
    version = repository.pinned_version(session=session, application=application)
    allowed, longest = extension_rule(version.document)
    used = sum(e.days or 0 for e in ledger.entries(session=session,
                                                     application_id=application.id or 0)
               if e.kind == "extended")
    if not allowed:
        raise Conflict("The matter's standard allows no extension.")
    if used + days > longest:
        raise Invalid(f"The standard allows {longest} days of extension; {used} already given.",
                      errors=[{"loc": ["body", "days"], "msg": f"at most {longest - used}"}])
    ledger.add(session, application, kind="extended", actor=actor, cause="extension",
               days=days, note=reason)
