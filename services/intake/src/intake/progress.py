"""办件查询: a case as anyone holding its case number and query code may see it: the public
ledger of its steps and its legal clock (intake.ledger), no personal data (the applicant's
name only by its initial)."""

import hmac

from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake import joint, ledger, repository
from intake.clock_schemas import LedgerEntryOut
from intake.models import Application, Document, StateChange, audit
from intake.schemas_following import LedgerStep, Progress
from kit import audit as audit_trail
from kit.auth import Principal
from kit.clock import china_today
from kit.errors import NotFound

CLOSED = ("approved", "rejected", "not_accepted")
# Compared against when the case number is unknown, so both refusals take the same time.
_NO_CODE = "0" * 6
WRONG_PAIR = "No case has this case number and query code."


def initial(name: str) -> str:
    """A name shown publicly: its first character, then two stars (not its length)."""
    return name[:1] + "**"


def public_ledger(session: Session, application: Application) -> list[LedgerStep]:
    """The case's steps, oldest first: what happened and when, never who."""
    steps = session.execute(select(StateChange).where(
        col(StateChange.application_id) == application.id).order_by(col(StateChange.id)))
    return [LedgerStep(step="received" if change.from_state is None else change.to_state,
                       state=change.to_state, at=change.at)
            for change in steps.scalars()]


def progress(*, session: Session, principal: Principal, case_number: str,
             code: str) -> Progress:
    """The case with this number if `code` is its query code; the same 404 otherwise (a
    lookup that finds the case is audited)."""
    application = session.execute(select(Application).where(
        col(Application.case_number) == case_number.strip())).scalar_one_or_none()
    expected = application.query_code if application is not None else _NO_CODE
    matches = hmac.compare_digest(code.strip().upper().encode(), expected.encode())
    if application is None or not matches:
        raise NotFound(WRONG_PAIR)
    audit_trail.record(session, audit, actor=principal.sub, action="application.progress_read",
                       entity="application", entity_id=str(application.id))
    version = repository.pinned_version(session=session, application=application)
    closed = application.state in CLOSED
    clock = ledger.reading(session=session, application=application, version=version)
    kinds = session.execute(select(Document.kind).where(
        col(Document.application_id) == application.id).order_by(col(Document.id))).scalars()
    return Progress(
        case_number=application.case_number, state=application.state, closed=closed,
        matter_name=version.name, department_name=version.department_name,
        applicant=initial(application.applicant_name), received_at=application.submitted_at,
        accepted_at=application.accepted_at, due_date=application.due_date,
        # calendar days to the due date, as the applicant's list counts them
        days_left=(application.due_date - china_today()).days
        if application.due_date and not closed else None,
        ledger=public_ledger(session, application),
        clock=[LedgerEntryOut(**e) for e in ledger.public_entries(session=session,
                                                             application=application)],
        paused=None if closed else clock.paused, missing_year=clock.missing_year,
        documents=list(kinds),
        joint=joint.shown(session=session, application_ids=[application.id or 0],
                          full=False).get(application.id or 0, []))
