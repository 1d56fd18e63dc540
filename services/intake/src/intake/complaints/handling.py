"""The supervisors' side of complaints: their queue, accepting, notes, the answer, closing;
flush only."""

from typing import Any

from sqlalchemy import or_
from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake.complaints.schemas import ComplaintHandled
from intake.complaints.service import public_fields, step
from intake.identity import IdentityKeys, mask
from intake.models_feedback import Complaint
from kit.auth import Principal
from kit.clock import now
from kit.errors import Conflict, NotFound

# The state each action starts from, and where it leads (a note changes no state).
MOVES = {"accept": ({"filed"}, "accepted"), "answer": ({"accepted"}, "answered"),
         "close": ({"answered"}, "closed"), "note": ({"accepted"}, "accepted")}


def handled_by(principal: Principal) -> Any:
    """The complaints a supervisor handles: assigned to them, or to no one yet."""
    return or_(col(Complaint.assigned_to) == principal.sub,
               col(Complaint.assigned_to).is_(None))


def queue(*, session: Session, keys: IdentityKeys, principal: Principal,
          state: str | None) -> list[ComplaintHandled]:
    """The supervisor's complaints, open ones first, the earliest due first."""
    query = select(Complaint).where(handled_by(principal))
    if state is not None:
        query = query.where(col(Complaint.state) == state)
    rows = session.execute(query.order_by(
        (col(Complaint.state) == "closed"), col(Complaint.due_date), col(Complaint.id))
    ).scalars()
    return [handled_view(session, keys, row) for row in rows]


def handled(*, session: Session, keys: IdentityKeys, principal: Principal,
            number: str) -> ComplaintHandled:
    """One complaint the supervisor handles, with notes and the complainant (masked)."""
    return handled_view(session, keys, _mine(session, principal, number))


def _mine(session: Session, principal: Principal, number: str,
          for_update: bool = False) -> Complaint:
    query = select(Complaint).where(col(Complaint.number) == number, handled_by(principal))
    if for_update:
        query = query.with_for_update()
    row = session.execute(query).scalar_one_or_none()
    if row is None:
        raise NotFound(f"No complaint {number} in your queue.")
    return row


def act(*, session: Session, keys: IdentityKeys, principal: Principal, number: str,
        action: str, text: str | None = None) -> ComplaintHandled:
    """One step of handling: `accept` (taking it), `note`, `answer`, `close`."""
    row = _mine(session, principal, number, for_update=True)
    starts, leads = MOVES[action]
    if row.state not in starts:
        raise Conflict(f"Complaint {number} is {row.state}; {action} needs it "
                       f"{' or '.join(sorted(starts))}.")
    before = {"state": row.state, "assigned_to": row.assigned_to}
    row.state, row.assigned_to = leads, row.assigned_to or principal.sub
    if action == "answer":
        row.answer, row.answered_at = text, now()
    if action == "close":
        row.closed_at = now()
    step(session, row, kind=action, actor=principal.sub, public=action != "note",
         text=text, before=before, after={"assigned_to": row.assigned_to,
                                          "text_length": len(text or "")})
    return handled_view(session, keys, row)


def handled_view(session: Session, keys: IdentityKeys, row: Complaint) -> ComplaintHandled:
    """A complaint as its supervisor sees it."""
    phone = keys.unseal(row.contact_sealed).get("phone")
    return ComplaintHandled(
        **public_fields(session, row, notes=True), id=row.id or 0, content=row.content,
        complainant_name=row.complainant_name, phone=mask(phone, head=3, tail=4),
        signed_in=row.complainant_sub is not None, department_code=row.department_code,
        application_id=row.application_id, assigned_to=row.assigned_to)
