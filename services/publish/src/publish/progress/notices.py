"""督办 notices: a leader or supervisor issues one to a flagged department; the department's
editor or approver answers it; the issuer's side closes it or sends it back. All audited."""

from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy.orm import Session

from kit.audit import record
from kit.auth import Principal
from kit.clock import china_date, china_today, now
from kit.errors import Conflict, Forbidden, Invalid, NotFound
from publish.models import audit
from publish.progress import repository, service
from publish.progress.models import Notice
from publish.progress.schemas import NoticeAnswer, NoticeDecision, NoticeInput

OVERSEERS = ("leader", "supervisor", "admin")
ISSUERS = ("leader", "supervisor")
DEPARTMENT_STAFF = ("editor", "approver")


def view(notice: Notice) -> dict[str, Any]:
    """A notice as an answer, with whether it is overdue."""
    overdue = notice.answered_at is None and notice.due < china_today()
    return {"id": notice.id, "department_code": notice.department_code,
            "department_name": notice.department_name, "reason": notice.reason,
            "action": notice.action, "due": notice.due, "state": notice.state,
            "issued_by": notice.issued_by, "issued_by_name": notice.issued_by_name,
            "issued_at": notice.issued_at, "answer": notice.answer,
            "answered_by": notice.answered_by, "answered_at": notice.answered_at,
            "closed_at": notice.closed_at, "late": notice.late,
            "overdue": overdue and notice.state == "open", "history": notice.history}


def _step(notice: Notice, actor: Principal, action: str, text: str = "") -> None:
    notice.history = [*notice.history, {"at": now().isoformat(), "by": actor.name or actor.sub,
                                        "action": action, "text": text}]


def issue(*, session: Session, body: NoticeInput, actor: Principal) -> dict[str, Any]:
    """Issue a notice to a department flagged today (409 for one on track, 404 for unknown)."""
    today = china_today()
    if body.due < today:
        raise Invalid("The due date has passed already.")
    found = service.summary(session=session, start=today, end=today)["departments"]
    department = next((d for d in found if d["code"] == body.department_code), None)
    if department is None:
        raise NotFound(f"No department {body.department_code!r} in the progress figures.")
    if not department["flags"]:
        raise Conflict(f"{department['name']} is on track today: a notice goes to a "
                       "flagged department.")
    notice = Notice(department_code=department["code"], department_name=department["name"],
                    reason=body.reason, action=body.action, due=body.due,
                    issued_by=actor.sub, issued_by_name=actor.name or actor.sub,
                    issued_at=now(), history=[])
    _step(notice, actor, "issued", body.reason)
    session.add(notice)
    session.flush()
    record(session, audit, actor=actor.sub, action="notice.issued", entity="notice",
           entity_id=str(notice.id), after=to_jsonable_python(view(notice)))
    return view(notice)


def listed(*, session: Session, principal: Principal) -> list[dict[str, Any]]:
    """The notices the caller may read: every one for overseers, else their department's."""
    if principal.has(*OVERSEERS):
        return [view(n) for n in repository.notices(session=session)]
    if principal.department is None:
        return []
    return [view(n) for n in repository.notices(session=session,
                                                department=principal.department)]


def visible(*, session: Session, principal: Principal, notice_id: int) -> Notice:
    """One notice the caller may read (404 otherwise)."""
    notice = session.get(Notice, notice_id)
    if notice is None or not (principal.has(*OVERSEERS)
                              or notice.department_code == principal.department):
        raise NotFound(f"No notice {notice_id}.")
    return notice


def answer(*, session: Session, notice_id: int, body: NoticeAnswer,
           actor: Principal) -> dict[str, Any]:
    """The department's answer (its editor or approver); late when after the due date."""
    notice = visible(session=session, principal=actor, notice_id=notice_id)
    if not actor.has(*DEPARTMENT_STAFF) or notice.department_code != actor.department:
        raise Forbidden("Only the department's editor or approver answers its notice.")
    if notice.state != "open":
        raise Conflict(f"This notice is {notice.state}; it takes no answer now.")
    notice.answer, notice.answered_by, notice.answered_at = body.answer, actor.sub, now()
    notice.late = china_date(notice.answered_at) > notice.due
    notice.state = "answered"
    _step(notice, actor, "answered", body.answer)
    session.flush()
    record(session, audit, actor=actor.sub, action="notice.answered", entity="notice",
           entity_id=str(notice.id), after={"answer": body.answer, "late": notice.late})
    return view(notice)


def decide(*, session: Session, notice_id: int, body: NoticeDecision,
           actor: Principal) -> dict[str, Any]:
    """Close an answered notice, or send it back to the department with a reason."""
    notice = visible(session=session, principal=actor, notice_id=notice_id)
    if notice.state != "answered":
        raise Conflict(f"This notice is {notice.state}; only an answered one is decided.")
    if body.decision == "send_back" and not body.reason.strip():
        raise Invalid("Say why the answer goes back.")
    if body.decision == "close":
        notice.state, notice.closed_at = "closed", now()
    else:
        notice.state, notice.answered_at = "open", None
    _step(notice, actor, "closed" if body.decision == "close" else "sent_back", body.reason)
    session.flush()
    record(session, audit, actor=actor.sub, action=f"notice.{body.decision}", entity="notice",
           entity_id=str(notice.id), after={"state": notice.state, "reason": body.reason})
    return view(notice)
