"""Applications after filing: reading, acceptance, corrections, resubmission, decisions;
flush only (filing itself is in intake.filing)."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from intake import acceptance, filing, joint, ledger, listing, precheck, repository, views
from intake.desk import Desk
from intake.history import transition
from intake.models import Application, CorrectionNotice, MatterVersion, audit
from intake.schemas import ApplicationDetail, ApplicationListed, CorrectionItem, NewMaterial
from intake.supervision import service as supervision
from kit import audit as audit_trail
from kit.auth import Principal
from kit.clock import china_date, now
from kit.errors import Conflict, Forbidden, Invalid

# Staff whose reading of a case or a file is audited (filers reading their own are not).
STAFF = ("clerk", "approver", "supervisor")
# The states each action may start from.
STARTS_FROM = {
    "accept": {"submitted", "corrected"},
    "request_corrections": {"submitted", "corrected"},
    "resubmit": {"correction_requested"},
    "decide": {"accepted"},
}


@dataclass(frozen=True)
class StoredFile:
    """One material's bytes, checked against its SHA-256, with what a download needs."""

    filename: str
    content_type: str
    content: bytes


def list_applications(*, session: Session, desk: Desk, principal: Principal, state: str | None,
                      limit: int, offset: int, window: str | None = None,
                      q: str | None = None, before: int | None = None) -> list[ApplicationListed]:
    """The applications the principal may see, newest first, with what their cards show."""
    rows = repository.list_applications(session=session, principal=principal, state=state,
                                        limit=limit, offset=offset, window=window, q=q,
                                        before=before)
    return listing.applications_listed(session=session, rows=rows, keys=desk.keys,
                                       principal=principal)


def get_application(*, session: Session, desk: Desk, principal: Principal,
                    application_id: int) -> ApplicationDetail:
    """One application the principal may see (oversight: its metadata only)."""
    application = repository.visible_application(session=session, principal=principal,
                                                 application_id=application_id, whole=False)
    in_full = repository.seen_in_full(session=session, principal=principal,
                                      application_id=application_id)
    _audit_read(session, principal, "application.read", "application", str(application_id),
                {"in_full": in_full})
    return views.application_detail(session=session, application=application, keys=desk.keys,
                                    principal=principal, in_full=in_full)


def material_file(*, session: Session, desk: Desk, principal: Principal, application_id: int,
                  material_id: int) -> StoredFile:
    """One uploaded file of an application the principal may see whole (not oversight), its
    hash checked."""
    repository.visible_application(session=session, principal=principal,
                                   application_id=application_id)
    row = repository.material(session=session, application_id=application_id,
                              material_id=material_id)
    _audit_read(session, principal, "material.downloaded", "material", str(material_id),
                {"application": application_id, "filename": row.filename})
    content = row.content if row.content is not None else desk.store.get(row.sha256)
    return StoredFile(filename=row.filename, content_type=row.content_type, content=content)


def _audit_read(session: Session, principal: Principal, action: str, entity: str,
                entity_id: str, after: dict[str, Any]) -> None:
    """Staff reading an applicant's case or file leave a trace (filers reading their own
    case do not)."""
    if principal.has(*STAFF):
        audit_trail.record(session, audit, actor=principal.sub, action=action, entity=entity,
                           entity_id=entity_id, after=after)


def accept(*, session: Session, desk: Desk, principal: Principal,
           application_id: int) -> ApplicationDetail:
    """Accept (受理) the application and start the legal clock."""
    application = _for(session, principal, application_id, "accept")
    at = now()
    ledger.add(session, application, kind="started", actor=principal.sub, day=china_date(at))
    transition(session, application, action="accept", actor=principal.sub,
                to_state="accepted", changes={"accepted_at": at})
    joint.open_sign_off(session=session, application=application, actor=principal.sub)
    return views.application_detail(session=session, application=application, keys=desk.keys,
                                    principal=principal)


def request_corrections(*, session: Session, desk: Desk, principal: Principal, application_id: int,
                        items: list[CorrectionItem]) -> ApplicationDetail:
    """Send the one-time notice (一次性告知) of every missing or wrong material."""
    application = _for(session, principal, application_id, "request_corrections")
    acceptance.check_second_notice(session=session, application=application)
    _check_listed(repository.pinned_version(session=session, application=application), items)
    listed = [item.model_dump() for item in items]
    session.add(CorrectionNotice(application_id=application.id or 0, items=listed,
                                 issued_at=now(), issued_by=principal.sub))
    acceptance.notice_sent(session=session, application=application, actor=principal.sub,
                           default_days=desk.correction_days)
    transition(session, application, action="request_corrections", actor=principal.sub,
                to_state="correction_requested", details={"notice": listed})
    return views.application_detail(session=session, application=application, keys=desk.keys,
                                    principal=principal)


def resubmit(*, session: Session, desk: Desk, principal: Principal, application_id: int,
             materials: list[NewMaterial]) -> ApplicationDetail:
    """Add the corrected materials and hand the application back to the window."""
    application = _for(session, principal, application_id, "resubmit")
    if not materials:
        raise Invalid("Upload at least one material.")
    version = repository.pinned_version(session=session, application=application)
    given = {m.slot for m in repository.materials(session=session,
                                                  application_id=application.id or 0)}
    report = precheck.precheck(materials=version.materials, uploads=materials,
                               limits=desk.limits, already={s for s in given if s is not None})
    precheck.refuse(report, confirmed=True)
    filing.add_materials(session=session, desk=desk, application=application,
                         materials=materials, actor=principal.sub)
    # Still marked incomplete only while a required slot has no file at all.
    complete = not any(p.problem == "missing" for p in report.problems)
    acceptance.corrections_received(session=session, application=application,
                                    actor=principal.sub)
    transition(session, application, action="resubmit", actor=principal.sub,
               to_state="corrected", changes={"incomplete": not complete},
               details={"added": [m.filename for m in materials]})
    return views.application_detail(session=session, application=application, keys=desk.keys,
                                    principal=principal)


def not_accept(*, session: Session, desk: Desk, principal: Principal, application_id: int,
               decision: dict[str, Any]) -> ApplicationDetail:
    """不予受理, with the reason, the legal basis and (outside competence) the competent body."""
    application = repository.visible_application(
        session=session, principal=principal, application_id=application_id, for_update=True)
    acceptance.not_accept(session=session, application=application, actor=principal.sub,
                          decision=decision)
    return views.application_detail(session=session, application=application, keys=desk.keys,
                                    principal=principal)


def decide(*, session: Session, desk: Desk, principal: Principal, application_id: int,
           decision: str, opinion: str) -> ApplicationDetail:
    """Record the department's decision on an accepted application."""
    application = repository.visible_application(
        session=session, principal=principal, application_id=application_id, for_update=True)
    if principal.department != application.department_code:
        raise Forbidden("Only an approver of the matter's department may decide.")
    _check_state(application, "decide")
    joint.check_ready(session=session, application=application)
    version = repository.pinned_version(session=session, application=application)
    result = views.result_name(version) if decision == "approved" else None
    transition(session, application, action="decide", actor=principal.sub, to_state=decision,
                changes={"decision": decision, "opinion": opinion or None,
                         "result_name": result, "decided_at": now(),
                         "decided_by": principal.sub})
    supervision.closed(session=session, application=application)
    return views.application_detail(session=session, application=application, keys=desk.keys,
                                    principal=principal)


def _for(session: Session, principal: Principal, application_id: int,
         action: str) -> Application:
    application = repository.visible_application(
        session=session, principal=principal, application_id=application_id, for_update=True)
    _check_state(application, action)
    return application


def _check_state(application: Application, action: str) -> None:
    allowed = STARTS_FROM[action]
    if application.state not in allowed:
        needed = " or ".join(sorted(allowed))
        raise Conflict(f"Application {application.id} is {application.state}; "
                       f"{action.replace('_', ' ')} needs it {needed}.")


def _check_listed(version: MatterVersion, items: list[CorrectionItem]) -> None:
    """A notice may only ask for materials the pinned standard lists: no catch-all demands."""
    listed = {str(m.get("name", "")) for m in version.materials}
    unknown = [i for i, item in enumerate(items) if item.material not in listed]
    if unknown:
        raise Invalid(
            "A correction notice may only name materials of the published list.",
            errors=[{"loc": ["body", "items", i, "material"],
                     "msg": f"not in the list: {items[i].material}"} for i in unknown])
