"""Matters and their versions: drafting, submission, review outcome, publication (no FastAPI).

Every write of a version goes through `repository.add_version` or `_transition`, which keep the
latest version on its matter; a version submitted or put in force closes the revision tasks it
answers (`catalog.legal.changes.resolve_by_version`) in the same transaction.
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from catalog.answers import refuse_unanswered, submitted_answers
from catalog.cpsv.service import public_service_of
from catalog.legal.changes import resolve_by_version
from catalog.lint import findings_for, refuse_errors
from catalog.matters import payload, repository
from catalog.matters.exceptions import WrongState
from catalog.matters.schemas import CaseOpened, ReviewConcluded
from catalog.matters.state_events import state_changed
from catalog.models import Department, FeedEntry, Matter, MatterVersion, Window, audit, outbox
from catalog.standard import MatterStandard, contract_document
from kit.audit import record
from kit.auth import Principal
from kit.clock import china_today, now
from kit.errors import Conflict, Invalid, PreconditionFailed, PreconditionRequired
from kit.outbox import emit

EDITABLE = {"draft", "returned"}
OPEN = {"draft", "submitted", "in_review", "returned", "approved"}
CANCELLABLE = {"draft", "returned", "scheduled"}


def _check_references(session: Session, standard: MatterStandard, actor: Principal) -> None:
    if not actor.has("admin") and standard.department.code != actor.department:
        raise Invalid("department.code must be your own department.",
                      errors=[{"loc": ["body", "department", "code"],
                               "msg": "not your department"}])
    if session.get(Department, standard.department.code) is None:
        raise Invalid(f"Unknown department {standard.department.code}.",
                      errors=[{"loc": ["body", "department", "code"], "msg": "unknown"}])
    if session.get(Window, standard.window) is None:
        raise Invalid(f"Unknown window {standard.window!r}.",
                      errors=[{"loc": ["body", "window"], "msg": "unknown window"}])


def create_matter(*, session: Session, standard: MatterStandard,
                  actor: Principal) -> tuple[Matter, MatterVersion]:
    """A new matter and its version 1, a draft."""
    _check_references(session, standard, actor)
    code = standard.implementation_code
    if repository.find_matter(session=session, code=code) is not None:
        raise Conflict(f"A matter with implementation code {code!r} already exists.")
    matter = repository.add_matter(session=session, standard=standard, created_at=now())
    return matter, _draft(session, matter=matter, standard=standard, actor=actor)


def _draft(session: Session, *, matter: Matter, standard: MatterStandard,
           actor: Principal) -> MatterVersion:
    row = repository.add_version(session=session, matter=matter, standard=standard,
                                 state="draft", at=now(), actor=actor.sub)
    state_changed(session, matter=matter, row=row, before=None, at=row.updated_at)
    record(session, audit, actor=actor.sub, action="version.drafted", entity="matter_version",
           entity_id=f"{matter.implementation_code}/{row.version}", after=row.standard)
    row.findings = findings_for(session=session, standard=row.standard)
    session.flush()
    return row


def new_version(*, session: Session, matter: Matter, actor: Principal) -> MatterVersion:
    """A new draft copied from the newest version that was not cancelled (a cancelled draft
    was abandoned), while the current one stays published; linted afresh, since the phrase
    lists may have changed."""
    versions = repository.versions_of(session=session, matter=matter)
    if any(v.state in OPEN for v in versions):
        raise Conflict("This matter already has a version being drafted or reviewed.")
    if matter.cancelled_at is not None:
        raise Conflict("This matter has been cancelled.")
    base = next(v for v in reversed(versions) if v.state != "cancelled" or v is versions[0])
    standard = MatterStandard.model_validate(base.standard)
    return _draft(session, matter=matter, standard=standard, actor=actor)


def etag(row: MatterVersion) -> str:
    """The ETag of a version: its number and revision."""
    return f'"v{row.version}r{row.revision}"'


def update_version(*, session: Session, matter: Matter, row: MatterVersion,
                   standard: MatterStandard, if_match: str | None,
                   actor: Principal) -> MatterVersion:
    """Replace a draft's standard; the caller must hold the current ETag."""
    if if_match is None:
        raise PreconditionRequired("Send If-Match with the ETag you read.")
    session.refresh(row, with_for_update=True)  # two saves with one ETag: the second sees 412
    if if_match.strip() not in (etag(row), "*") and if_match.strip() != etag(row).strip('"'):
        raise PreconditionFailed("This version changed since you read it; reload and retry.")
    if row.state not in EDITABLE:
        raise WrongState("edit", row.state)
    if standard.implementation_code != matter.implementation_code:
        raise Invalid("implementation_code cannot change.")
    _check_references(session, standard, actor)
    before = row.standard
    row.standard = standard.model_dump(mode="json")
    row.findings = findings_for(session=session, standard=row.standard)  # saved with errors too
    row.effective_from = standard.effective_from
    row.revision += 1
    row.updated_at, row.updated_by = now(), actor.sub
    matter.name, matter.basic_code = standard.name, standard.basic_code
    repository.keep_latest(matter=matter, row=row)  # its type or window may have changed
    session.flush()
    record(session, audit, actor=actor.sub, action="version.edited", entity="matter_version",
           entity_id=f"{matter.implementation_code}/{row.version}", before=before,
           after=row.standard)
    return row


def _transition(session: Session, *, matter: Matter, row: MatterVersion, to: str,
                actor: str) -> None:
    before = row.state
    row.state, row.revision, row.updated_at = to, row.revision + 1, now()
    repository.keep_latest(matter=matter, row=row)
    session.flush()
    state_changed(session, matter=matter, row=row, before=before, at=row.updated_at)
    record(session, audit, actor=actor, action=f"version.{to}", entity="matter_version",
           entity_id=f"{matter.implementation_code}/{row.version}", before={"state": before},
           after={"state": to})


def submit(*, session: Session, matter: Matter, row: MatterVersion,
           actor: Principal) -> MatterVersion:
    """Send a draft (or a returned version) to review by an outbox event; refused (422) while
    the linter finds an error, re-run here since the phrase lists may have changed."""
    session.refresh(row, with_for_update=True)  # a double click submits once
    if row.state not in EDITABLE:
        raise WrongState("submit", row.state)
    if matter.cancelled_at is not None:
        raise Conflict("This matter has been cancelled; it takes no new version.")
    findings = findings_for(session=session, standard=row.standard)
    refuse_errors(findings)
    refuse_unanswered(session=session, row=row)
    row.findings = findings
    row.submitted_at = now()
    _transition(session, matter=matter, row=row, to="submitted", actor=actor.sub)
    resolve_by_version(session=session, row=row)
    department = session.get(Department, matter.department_code)
    emit(session, outbox, event_type="matter_version.submitted", destinations=["review"],
         payload={"implementation_code": matter.implementation_code, "version": row.version,
                  "name": matter.name, "window": row.standard["window"],
                  "department": {"code": matter.department_code,
                                 "name": department.name if department else ""},
                  "standard": row.standard, "previous_version": matter.current_version,
                  "submitted_by": actor.sub,
                  "answers": submitted_answers(session=session, row=row)})
    return row


def _version_for_event(session: Session, code: str,
                       version: int) -> tuple[Matter, MatterVersion]:
    matter = repository.find_matter(session=session, code=code)
    if matter is None:
        raise LookupError(f"review wrote about an unknown matter {code!r}")
    return matter, repository.get_version(session=session, matter=matter, version=version)


def on_case_opened(*, session: Session, event: CaseOpened) -> None:
    """Review has opened a case: the version is in review."""
    matter, row = _version_for_event(session, event.implementation_code, event.version)
    if row.state == "submitted":
        _transition(session, matter=matter, row=row, to="in_review", actor="service:review")


def on_review_concluded(*, session: Session, event: ReviewConcluded) -> None:
    """The lead's consolidated feedback: the version is approved or returned."""
    matter, row = _version_for_event(session, event.implementation_code, event.version)
    if row.state not in {"submitted", "in_review"}:
        return  # a late duplicate of an outcome already applied
    row.feedback = event.feedback
    if event.decision == "approved":
        row.approved_at = now()
    _transition(session, matter=matter, row=row,
                to="approved" if event.decision == "approved" else "returned",
                actor="service:review")


def on_submission_parked(*, session: Session, payload: dict[str, Any], destination: str,
                         error: str) -> None:
    """Review cannot take a submission (its relay parked it): the version goes back to the
    department, returned with the reason, so the matter is not held in `submitted`."""
    matter, row = _version_for_event(session, payload["implementation_code"], payload["version"])
    if row.state != "submitted":
        return
    summary = f"审核系统未能接收此版本，已自动退回，请修改后重新提交。原因：{error[:500]}"
    row.feedback = {"summary": summary, "lead": "", "opinions": [], "undelivered": True}
    _transition(session, matter=matter, row=row, to="returned", actor="service:outbox")


def add_approved_version(*, session: Session, matter: Matter, standard: MatterStandard,
                         actor: Principal, at: datetime) -> MatterVersion:
    """A version approved before the catalog kept the matter (the demo zone's history), as
    submitted and approved at `at`; `publish` or `go_live` then puts it in force."""
    row = repository.add_version(session=session, matter=matter, standard=standard,
                                 state="approved", at=at, actor=actor.sub)
    row.submitted_at = row.approved_at = at
    session.flush()
    state_changed(session, matter=matter, row=row, before=None, at=at)
    record(session, audit, actor=actor.sub, action="version.approved", entity="matter_version",
           entity_id=f"{matter.implementation_code}/{row.version}", after=row.standard)
    return row


def document(row: MatterVersion) -> dict[str, Any]:
    """The contract's matter document of a version (published_at null until it went live)."""
    published = row.published_at.isoformat() if row.published_at else None
    return contract_document(row.standard, version=row.version, published_at=published)


def publish(*, session: Session, matter: Matter, row: MatterVersion, actor: Principal,
            today: date | None = None) -> MatterVersion:
    """Publish an approved version: at once when its effective date has come, else scheduled to
    go live on that date by itself (the version in force stays until then)."""
    if row.state != "approved":
        raise WrongState("publish", row.state)
    if row.effective_from > (today or china_today()):
        _transition(session, matter=matter, row=row, to="scheduled", actor=actor.sub)
        return row
    return go_live(session=session, matter=matter, row=row, actor=actor.sub, at=now())


def go_live(*, session: Session, matter: Matter, row: MatterVersion, actor: str,
            at: datetime) -> MatterVersion:
    """Put a version in force at `at`: the one it replaces (and any older version still waiting
    for its date) is superseded now, and the feed, publish and intake learn of it."""
    for older in repository.versions_of(session=session, matter=matter):
        replaced = older.version == matter.current_version and older.state == "published"
        if older.version < row.version and (replaced or older.state == "scheduled"):
            _transition(session, matter=matter, row=older, to="superseded", actor=actor)
    row.published_at = at
    _transition(session, matter=matter, row=row, to="published", actor=actor)
    matter.current_version = row.version
    resolve_by_version(session=session, row=row)
    announce(session=session, operation="upsert", code=matter.implementation_code,
             version=row.version, doc=document(row), at=at)
    return row


def cancel_version(*, session: Session, matter: Matter, row: MatterVersion,
                   actor: Principal) -> MatterVersion:
    """Abandon a version that never went live: a draft, a returned one, or one scheduled."""
    if row.state not in CANCELLABLE:
        raise WrongState("cancel", row.state)
    _transition(session, matter=matter, row=row, to="cancelled", actor=actor.sub)
    return row


def cancel(*, session: Session, matter: Matter, actor: Principal) -> Matter:
    """Withdraw a published matter from the implementing list."""
    if matter.cancelled_at is not None or matter.current_version is None:
        raise Conflict("Only a published matter that is not cancelled can be cancelled.")
    at = matter.cancelled_at = now()
    row = repository.get_version(session=session, matter=matter, version=matter.current_version)
    _transition(session, matter=matter, row=row, to="cancelled", actor=actor.sub)
    announce(session=session, operation="cancel", code=matter.implementation_code,
             version=row.version, doc=document(row), at=at)
    return matter


def announce(*, session: Session, operation: str, code: str, version: int,
             doc: dict[str, Any], at: datetime) -> None:
    """Append to the provincial feed and tell publish and intake, in this transaction."""
    if session.get_bind().dialect.name == "postgresql":
        # Feed order must be commit order: one publication at a time takes sequence numbers.
        session.execute(text("LOCK TABLE catalog.feed_entry IN EXCLUSIVE MODE"))
    session.add(FeedEntry(operation=operation, implementation_code=code, version=version,
                          document=doc, at=at))
    if operation == "upsert":
        # The matter's CPSV-AP JSON-LD rides along, so publish serves open data on its own.
        jsonld = public_service_of(session=session, document=doc)
        emit(session, outbox, event_type="matter_version.published",
             destinations=["publish", "intake"],
             payload={"operation": "upsert", "matter": doc, "jsonld": jsonld,
                      "lint": payload.clause_counts(session, doc),
                      **payload.window_of(session, doc)})
    else:
        emit(session, outbox, event_type="matter.cancelled", destinations=["publish", "intake"],
             payload={"implementation_code": code, "version": version,
                      "cancelled_at": at.isoformat()})
