"""Filing: who applies, the material pre-check, the files into the store, the case number."""

from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session
from sqlmodel import select
from stdnum.cn import uscc

from intake import (
    document_files,
    idempotency,
    mandates,
    numbers,
    precheck,
    projects,
    repository,
    views,
)
from intake.content import detect
from intake.desk import Desk
from intake.history import record
from intake.identity import Applicant, may_apply
from intake.models import Application, Mandate, Material, MatterVersion
from intake.schemas import NewMaterial, PrecheckOut
from kit.auth import Principal
from kit.clock import china_date, now
from kit.errors import Forbidden, Invalid

MAX_MATERIALS_PER_REQUEST = 50


def check_materials(*, session: Session, desk: Desk, principal: Principal,
                    implementation_code: str, materials: list[NewMaterial]) -> PrecheckOut:
    """The pre-check of a filing not yet made: what is missing or wrong; nothing is stored."""
    del principal  # any filer may ask
    version = _open_version(session, implementation_code)
    return precheck.precheck(materials=version.materials, uploads=in_order(materials, version),
                             limits=desk.limits)


def in_order(materials: list[NewMaterial], version: MatterVersion) -> list[NewMaterial]:
    """Files sent without slots answer the listed materials in order (extra ones none)."""
    if any(m.slot is not None for m in materials):
        return materials
    listed = len(version.materials)
    return [replace(m, slot=i if i < listed else None) for i, m in enumerate(materials)]


def file_application(*, session: Session, desk: Desk, principal: Principal,
                     implementation_code: str, on_behalf_of: str | None, note: str | None,
                     applicant: Applicant | None, materials: list[NewMaterial],
                     confirm_incomplete: bool, idempotency_key: str | None,
                     project_item: int | None = None) -> dict[str, Any]:
    """File an application under the version in force (for a project's matter when
    `project_item`); a retried key returns the first answer."""
    fingerprint = idempotency.fingerprint(
        code=implementation_code, on_behalf_of=on_behalf_of, note=note, materials=materials,
        extra=[applicant.model_dump() if applicant else None, confirm_incomplete, project_item])
    key = idempotency_key
    if key and (first := idempotency.replay(session=session, principal=principal, key=key,
                                            fingerprint=fingerprint)):
        return first
    project = (projects.item_to_file(session=session, principal=principal, item_id=project_item,
                                     code=implementation_code) if project_item else None)
    if project and on_behalf_of is None:
        on_behalf_of = project[0].enterprise
    enterprise = _filing_enterprise(principal, on_behalf_of)
    if project and project[0].enterprise != enterprise:
        raise Invalid("A project's matter is filed for the project's enterprise.")
    version = _open_version(session, implementation_code)
    mandate = _mandate(session, principal, enterprise, on_behalf_of, implementation_code)
    who = applicant or _applicant_of(principal, enterprise)
    if mandate is not None:  # the enterprise applies, its butler is the agent (代办人)
        who = who.model_copy(update={"kind": "enterprise", "name": mandate.enterprise_name,
                                     "credit_code": enterprise, "id_number": None})
    _check_applicant(who, version, enterprise)
    materials = in_order(materials, version)
    report = _checked(materials, version, desk)
    precheck.refuse(report, confirmed=confirm_incomplete)
    if key:
        idempotency.claim(session=session, principal=principal, key=key, fingerprint=fingerprint)
    application = _new_application(session, desk, principal, version, enterprise, note, who,
                                   incomplete=not report.complete, mandated=mandate is not None)
    if project:
        projects.filed(session=session, principal=principal, project=project[0],
                       item=project[1], application_id=application.id or 0)
    add_materials(session=session, desk=desk, application=application, materials=materials,
                  actor=principal.sub)
    record(session, application, action="file", actor=principal.sub, from_state=None,
           before=None, details={"incomplete": application.incomplete})
    answer = views.application_detail(session=session, application=application,
                                      keys=desk.keys, principal=principal).model_dump(mode="json")
    if key:
        idempotency.remember(session=session, principal=principal, key=key,
                             application=application, answer=answer)
    return answer


def add_materials(*, session: Session, desk: Desk, application: Application,
                  materials: list[NewMaterial], actor: str) -> None:
    """Each file into the store first, then its row: a rollback takes the new files back."""
    at = now()
    for m in materials:
        detected = detect(m.file.scan, m.file.path)
        sha256 = desk.store.keep(session, m.file)
        session.add(Material(application_id=application.id or 0, slot=m.slot,
                             filename=m.filename, content_type=detected.media_type,
                             size=m.size, sha256=sha256, uploaded_at=at,
                             uploaded_by=actor))
    session.flush()


def _checked(materials: list[NewMaterial], version: MatterVersion, desk: Desk) -> PrecheckOut:
    if not materials:
        raise Invalid("Upload at least one material.")
    if len(materials) > MAX_MATERIALS_PER_REQUEST:
        raise Invalid(f"Upload at most {MAX_MATERIALS_PER_REQUEST} materials at once.")
    return precheck.precheck(materials=version.materials, uploads=materials, limits=desk.limits)


def _open_version(session: Session, code: str) -> MatterVersion:
    version = repository.open_version(session=session, code=code)
    if version is None:
        raise Invalid(f"Matter {code} is not open for applications.")
    return version


def _applicant_of(principal: Principal, enterprise: str | None) -> Applicant:
    """An API filing that says nothing of its applicant: the account, a person or its
    enterprise (numbers not given)."""
    return Applicant.model_construct(kind="enterprise" if enterprise else "person",
                                     name=(principal.name or principal.sub)[:200],
                                     credit_code=enterprise)


def _check_applicant(who: Applicant, version: MatterVersion, enterprise: str | None) -> None:
    if not may_apply(who.kind, version.document.get("service_objects")):
        objects = "enterprises and organisations" if who.kind == "person" else "persons"
        raise Forbidden(f"{version.name} is for {objects} only: a {who.kind} may not apply.")
    if who.kind == "enterprise" and who.credit_code != enterprise:
        raise Forbidden("An enterprise applies through its own account or its butler: the "
                        "credit code must be the one the application is filed for.")


def _new_application(session: Session, desk: Desk, principal: Principal, version: MatterVersion,
                     enterprise: str | None, note: str | None, who: Applicant, *,
                     incomplete: bool, mandated: bool) -> Application:
    """The case's row, whole in its one INSERT (a butler filing under a mandate is its
    agent)."""
    at = now()
    number = numbers.next_case_number(session=session, zone=desk.zone, day=china_date(at))
    sealed = {"id_number": who.id_number, "phone": who.phone}
    application = Application(
        implementation_code=version.implementation_code, version=version.version,
        department_code=version.department_code, window=version.window, state="submitted",
        applicant_sub=principal.sub,
        applicant_name=who.name, enterprise=enterprise, note=note, case_number=number,
        query_code=numbers.query_code(), applicant_kind=who.kind, credit_code=who.credit_code,
        legal_representative=who.legal_representative,
        identity_sealed=desk.keys.seal(sealed) if who.id_number or who.phone else None,
        id_number_hash=desk.keys.lookup_hash(who.id_number), submitted_at=at, updated_at=at,
        incomplete=incomplete, agent_sub=principal.sub if mandated else None,
        agent_name=principal.name[:100] if mandated else None)
    session.add(application)
    session.flush()
    return application


def _filing_enterprise(principal: Principal, on_behalf_of: str | None) -> str | None:
    """The enterprise the application is filed for; 403 when the caller may not act for it."""
    if on_behalf_of is None:
        if principal.has("applicant"):
            return principal.enterprise
        raise Invalid("A butler files on behalf of an enterprise: give on_behalf_of.")
    if not uscc.is_valid(on_behalf_of):
        raise Invalid(f"{on_behalf_of} is not a valid unified social credit code.")
    if on_behalf_of == principal.enterprise and principal.has("applicant"):
        return on_behalf_of
    if principal.has("butler"):
        return on_behalf_of  # its mandate is checked once the matter is known
    raise Forbidden(f"You may not file on behalf of {on_behalf_of}.")


def _mandate(session: Session, principal: Principal, enterprise: str | None,
             on_behalf_of: str | None, code: str) -> Mandate | None:
    """The butler's active mandate covering this filing (None when the enterprise or a person
    files for itself)."""
    if enterprise is None or on_behalf_of is None:
        return None
    if on_behalf_of == principal.enterprise and principal.has("applicant"):
        return None
    return mandates.check_filing(session=session, principal=principal, enterprise=enterprise,
                                 code=code)


def sweep_files(*, session: Session, desk: Desk, older_than: float) -> list[str]:
    """Remove stored files no material names (left by a crash between file and row)."""
    referenced = set(session.execute(select(Material.sha256)).scalars())
    referenced |= document_files.referenced(session=session)
    return desk.store.sweep(referenced, older_than=older_than)
