"""Applications: filing, acceptance, corrections, resubmission, decisions; flush only."""

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session
from stdnum.cn import uscc

from intake import clock, idempotency, repository, views
from intake.models import (
    Application,
    CorrectionNotice,
    Material,
    MatterVersion,
    StateChange,
    audit,
)
from intake.schemas import ApplicationDetail, ApplicationListed, CorrectionItem, NewMaterial
from kit import audit as audit_trail
from kit.auth import Principal
from kit.clock import china_date, now
from kit.errors import Conflict, Forbidden, Invalid, TooLarge

MAX_MATERIAL_BYTES = 10 * 1024 * 1024
STAFF = ("clerk", "approver", "supervisor")
MAX_MATERIALS_PER_REQUEST = 50
# The states each action may start from.
STARTS_FROM = {
    "accept": {"submitted", "corrected"},
    "request_corrections": {"submitted", "corrected"},
    "resubmit": {"correction_requested"},
    "decide": {"accepted"},
}


def file_application(*, session: Session, principal: Principal, implementation_code: str,
                     on_behalf_of: str | None, note: str | None, materials: list[NewMaterial],
                     idempotency_key: str | None) -> dict[str, Any]:
    """File an application under the version in force; a retried key returns the first answer."""
    fingerprint = idempotency.fingerprint(code=implementation_code, on_behalf_of=on_behalf_of,
                                          note=note, materials=materials)
    key = idempotency_key
    if key and (first := idempotency.replay(session=session, principal=principal, key=key,
                                            fingerprint=fingerprint)):
        return first
    enterprise = _filing_enterprise(principal, on_behalf_of)
    version = repository.open_version(session=session, code=implementation_code)
    if version is None:
        raise Invalid(f"Matter {implementation_code} is not open for applications.")
    _check_materials(materials)
    if key:
        idempotency.claim(session=session, principal=principal, key=key, fingerprint=fingerprint)
    application = _new_application(session, principal, version, enterprise, note)
    _add_materials(session, application, materials, actor=principal.sub)
    _record(session, application, action="file", actor=principal.sub, from_state=None,
            before=None)
    detail = views.application_detail(session=session, application=application)
    answer = detail.model_dump(mode="json")
    if key:
        idempotency.remember(session=session, principal=principal, key=key,
                             application=application, answer=answer)
    return answer


def list_applications(*, session: Session, principal: Principal, state: str | None,
                      limit: int, offset: int) -> list[ApplicationListed]:
    """The applications the principal may see, newest first, with what their cards show."""
    rows = repository.list_applications(session=session, principal=principal, state=state,
                                        limit=limit, offset=offset)
    return views.applications_listed(session=session, rows=rows)


def get_application(*, session: Session, principal: Principal,
                    application_id: int) -> ApplicationDetail:
    """One application the principal may see (oversight: its metadata only)."""
    application = repository.visible_application(session=session, principal=principal,
                                                 application_id=application_id, whole=False)
    in_full = repository.seen_in_full(session=session, principal=principal,
                                      application_id=application_id)
    _audit_read(session, principal, "application.read", "application", str(application_id),
                {"in_full": in_full})
    return views.application_detail(session=session, application=application, in_full=in_full)


def material_file(*, session: Session, principal: Principal, application_id: int,
                  material_id: int) -> Material:
    """One uploaded file of an application the principal may see whole (not oversight)."""
    repository.visible_application(session=session, principal=principal,
                                   application_id=application_id)
    found = repository.material(session=session, application_id=application_id,
                                material_id=material_id)
    _audit_read(session, principal, "material.downloaded", "material", str(material_id),
                {"application": application_id, "filename": found.filename})
    return found


def _audit_read(session: Session, principal: Principal, action: str, entity: str,
                entity_id: str, after: dict[str, Any]) -> None:
    """Staff reading an applicant's case or file leave a trace (filers reading their own
    case do not)."""
    if principal.has(*STAFF):
        audit_trail.record(session, audit, actor=principal.sub, action=action, entity=entity,
                           entity_id=entity_id, after=after)


def accept(*, session: Session, principal: Principal, application_id: int) -> ApplicationDetail:
    """Accept (受理) the application and start the legal clock."""
    application = _for(session, principal, application_id, "accept")
    version = repository.pinned_version(session=session, application=application)
    at = now()
    due = clock.due_date(start=china_date(at), limit=version.committed_limit,
                         unit=version.limit_unit)
    _transition(session, application, action="accept", actor=principal.sub,
                to_state="accepted", changes={"accepted_at": at, "due_date": due})
    return views.application_detail(session=session, application=application)


def request_corrections(*, session: Session, principal: Principal, application_id: int,
                        items: list[CorrectionItem]) -> ApplicationDetail:
    """Send the one-time notice (一次性告知) of every missing or wrong material."""
    application = _for(session, principal, application_id, "request_corrections")
    _check_listed(repository.pinned_version(session=session, application=application), items)
    listed = [item.model_dump() for item in items]
    session.add(CorrectionNotice(application_id=application.id or 0, items=listed,
                                 issued_at=now(), issued_by=principal.sub))
    _transition(session, application, action="request_corrections", actor=principal.sub,
                to_state="correction_requested", details={"notice": listed})
    return views.application_detail(session=session, application=application)


def resubmit(*, session: Session, principal: Principal, application_id: int,
             materials: list[NewMaterial]) -> ApplicationDetail:
    """Add the corrected materials and hand the application back to the window."""
    application = _for(session, principal, application_id, "resubmit")
    _check_materials(materials)
    _add_materials(session, application, materials, actor=principal.sub)
    _transition(session, application, action="resubmit", actor=principal.sub,
                to_state="corrected", details={"added": [m.filename for m in materials]})
    return views.application_detail(session=session, application=application)


def decide(*, session: Session, principal: Principal, application_id: int, decision: str,
           opinion: str) -> ApplicationDetail:
    """Record the department's decision on an accepted application."""
    application = repository.visible_application(
        session=session, principal=principal, application_id=application_id, for_update=True)
    if principal.department != application.department_code:
        raise Forbidden("Only an approver of the matter's department may decide.")
    _check_state(application, "decide")
    version = repository.pinned_version(session=session, application=application)
    result = views.result_name(version) if decision == "approved" else None
    _transition(session, application, action="decide", actor=principal.sub, to_state=decision,
                changes={"decision": decision, "opinion": opinion or None,
                         "result_name": result, "decided_at": now(),
                         "decided_by": principal.sub})
    return views.application_detail(session=session, application=application)


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


def _transition(session: Session, application: Application, *, action: str, actor: str,
                to_state: str, changes: dict[str, Any] | None = None,
                details: dict[str, Any] | None = None) -> None:
    """Move to `to_state` with `changes`, and record the step."""
    before, from_state = _snapshot(application), application.state
    for name, value in (changes or {}).items():
        setattr(application, name, value)
    application.state, application.updated_at = to_state, now()
    _record(session, application, action=action, actor=actor, from_state=from_state,
            before=before, details=details)


def _record(session: Session, application: Application, *, action: str, actor: str,
            from_state: str | None, before: dict[str, Any] | None,
            details: dict[str, Any] | None = None) -> None:
    """The history row and the audit entry of one state change."""
    session.add(StateChange(application_id=application.id or 0, from_state=from_state,
                            to_state=application.state, at=application.updated_at, actor=actor))
    session.flush()
    audit_trail.record(session, audit, actor=actor, action=f"application.{action}",
                       entity="application", entity_id=str(application.id),
                       before=before, after=_snapshot(application) | (details or {}))


def _snapshot(application: Application) -> dict[str, Any]:
    due = application.due_date.isoformat() if application.due_date else None
    return {"state": application.state, "due_date": due, "decision": application.decision,
            "opinion": application.opinion}


def _filing_enterprise(principal: Principal, on_behalf_of: str | None) -> str | None:
    """The enterprise the application is filed for; 403 when the caller may not act for it."""
    if on_behalf_of is None:
        if principal.has("applicant"):
            return principal.enterprise
        raise Invalid("A butler files on behalf of an enterprise: give on_behalf_of.")
    if not uscc.is_valid(on_behalf_of):
        raise Invalid(f"{on_behalf_of} is not a valid unified social credit code.")
    if on_behalf_of in principal.mandators and principal.has("butler"):
        return on_behalf_of
    if on_behalf_of == principal.enterprise and principal.has("applicant"):
        return on_behalf_of
    raise Forbidden(f"You may not file on behalf of {on_behalf_of}.")


def _check_materials(materials: list[NewMaterial]) -> None:
    if not materials:
        raise Invalid("Upload at least one material.")
    if len(materials) > MAX_MATERIALS_PER_REQUEST:
        raise Invalid(f"Upload at most {MAX_MATERIALS_PER_REQUEST} materials at once.")
    for m in materials:
        if len(m.content) > MAX_MATERIAL_BYTES:
            raise TooLarge(f"{m.filename} is larger than 10 MB.")
        if not m.content:
            raise Invalid(f"{m.filename} is empty.")


def _check_listed(version: MatterVersion, items: list[CorrectionItem]) -> None:
    """A notice may only ask for materials the pinned standard lists: no catch-all demands."""
    listed = {str(m.get("name", "")) for m in version.materials}
    unknown = [i for i, item in enumerate(items) if item.material not in listed]
    if unknown:
        raise Invalid(
            "A correction notice may only name materials of the published list.",
            errors=[{"loc": ["body", "items", i, "material"],
                     "msg": f"not in the list: {items[i].material}"} for i in unknown])


def _new_application(session: Session, principal: Principal, version: MatterVersion,
                     enterprise: str | None, note: str | None) -> Application:
    at = now()
    application = Application(
        implementation_code=version.implementation_code, version=version.version,
        department_code=version.department_code, state="submitted", applicant_sub=principal.sub,
        applicant_name=(principal.name or principal.sub)[:200], enterprise=enterprise, note=note,
        submitted_at=at, updated_at=at)
    session.add(application)
    session.flush()
    return application


def _add_materials(session: Session, application: Application, materials: list[NewMaterial],
                   *, actor: str) -> None:
    at: datetime = now()
    for m in materials:
        session.add(Material(application_id=application.id or 0, filename=m.filename,
                             content_type=m.content_type, size=len(m.content), sha256=m.sha256,
                             content=m.content, uploaded_at=at, uploaded_by=actor))
    session.flush()
