"""The preliminary check (初审): cases start in `precheck`; the technical guidance group passes
one to its review group (`open`) or returns it to the department, which catalog records as a
returned version through the same `review.concluded` event a lead's feedback sends.

Functions only flush: the session of the request commits once.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from kit import audit as audit_trail
from kit.auth import Principal
from kit.clock import now
from kit.errors import Conflict, Invalid, NotFound
from kit.outbox import emit
from review import assignments, case_history, service
from review.models import PreliminaryCheck, ReviewCase, audit, outbox
from review.preliminary.schemas import (
    CheckCreate,
    CheckedCase,
    CheckPublic,
    PreliminaryView,
)

CHECKED_SHOWN = 50  # the latest checks the guidance group's list shows


def cases(*, session: Session, checked: bool) -> list[CheckedCase]:
    """Cases awaiting the check, oldest first; or the latest checked ones, newest first."""
    if not checked:
        rows = session.scalars(select(ReviewCase).where(col(ReviewCase.state) == "precheck")
                               .order_by(col(ReviewCase.opened_at), col(ReviewCase.id))).all()
        return [CheckedCase(**service.summary(case, 0).model_dump()) for case in rows]
    pairs = session.execute(
        select(ReviewCase, PreliminaryCheck)
        .join(PreliminaryCheck, col(PreliminaryCheck.case_id) == col(ReviewCase.id))
        .order_by(col(PreliminaryCheck.checked_at).desc(), col(PreliminaryCheck.id).desc())
        .limit(CHECKED_SHOWN)).all()
    return [CheckedCase(**service.summary(case, 0).model_dump(), check=_public(check))
            for case, check in pairs]


def view(*, session: Session, principal: Principal, case_id: int) -> PreliminaryView:
    """A case with its preliminary check and its history (404 outside a reviewer's group)."""
    case = service.get_case(session=session, principal=principal, case_id=case_id)
    check = _check_of(session, case_id)
    return PreliminaryView(case=case, check=_public(check) if check else None,
                           history=case_history.entries(session=session, case_id=case_id))


def check(*, session: Session, principal: Principal, case_id: int,
          result: CheckCreate) -> CheckPublic:
    """Record the check: `passed` opens the case to its group; `returned` closes it and sends
    the reasons to the department as the version's feedback."""
    case = session.get(ReviewCase, case_id, with_for_update=True)
    if case is None:
        raise NotFound(f"Review case {case_id} was not found.")
    if case.state != "precheck":
        raise Conflict(f"Review case {case_id} is not awaiting the preliminary check "
                       f"(it is {case.state}).")
    if result.result == "returned" and not result.reasons:
        raise Invalid("A standard returned at the preliminary check needs the reasons, so the "
                      "department knows what to complete.")
    row = PreliminaryCheck(case_id=case_id, result=result.result, reasons=result.reasons,
                           checker=principal.sub, checker_name=service.display_name(principal),
                           checked_at=now())
    session.add(row)
    session.flush()
    audit_trail.record(session, audit, actor=principal.sub, action=f"case.precheck_{result.result}",
                       entity="review_case", entity_id=str(case_id),
                       before={"state": "precheck"},
                       after={"result": result.result, "reasons": result.reasons})
    if result.result == "passed":
        case.state, case.reached_group_at = "open", now()
        session.flush()
        audit_trail.record(session, audit, actor=principal.sub, action="case.to_group",
                           entity="review_case", entity_id=str(case_id),
                           before={"state": "precheck"},
                           after={"state": "open", "group": case.group_code})
        assignments.reached_group(session=session, case=case)
    else:
        service.close(session=session, case=case, decision="returned", actor=principal.sub)
        emit(session, outbox, event_type="review.concluded", destinations=service.TO_CATALOG,
             payload={"implementation_code": case.implementation_code, "version": case.version,
                      "case_id": case_id, "decision": "returned",
                      "feedback": {"summary": result.reasons, "lead": row.checker_name,
                                   "opinions": [], "stage": "preliminary"}})
    return _public(row)


def _check_of(session: Session, case_id: int) -> PreliminaryCheck | None:
    return session.scalars(select(PreliminaryCheck).where(
        col(PreliminaryCheck.case_id) == case_id)).first()


def _public(row: PreliminaryCheck) -> CheckPublic:
    return CheckPublic.model_validate(row, from_attributes=True)
