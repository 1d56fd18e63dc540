"""What intake shows of an application: rows turned into response models."""

from typing import Any, TypeVar

from sqlalchemy.orm import Session

from intake import joint, repository
from intake.clock_views import clock_fields
from intake.identity import IdentityKeys, mask
from intake.matters import summary
from intake.models import Application, MatterVersion
from intake.procedures import extension_rule, special_procedures
from intake.schemas import (
    ApplicantOut,
    ApplicationDetail,
    ApplicationListed,
    ApplicationSummary,
    CorrectionNoticeOut,
    DecisionOut,
    MaterialOut,
    PinnedVersion,
    StateChangeOut,
)
from kit.auth import Principal

# Who sees the personal numbers in clear: the window checks the applicant's identity.
CLEAR = ("clerk",)


def applicant(application: Application, *, keys: IdentityKeys, clear: bool) -> ApplicantOut:
    """Who applies, the resident ID and phone masked unless `clear`."""
    numbers = keys.unseal(application.identity_sealed)
    id_number, phone = numbers.get("id_number"), numbers.get("phone")
    if not clear:
        id_number, phone = mask(id_number, head=3, tail=4), mask(phone, head=3, tail=4)
    return ApplicantOut(kind=application.applicant_kind, name=application.applicant_name,
                        id_number=id_number, phone=phone, credit_code=application.credit_code,
                        legal_representative=application.legal_representative)


def application_summary(application: Application, matter_name: str, *, keys: IdentityKeys,
                        clear: bool = False) -> ApplicationSummary:
    """One line of a list (numbers always masked)."""
    return ApplicationSummary(
        id=application.id or 0, case_number=application.case_number,
        query_code=application.query_code, incomplete=application.incomplete,
        applicant=applicant(application, keys=keys, clear=clear),
        implementation_code=application.implementation_code,
        version=application.version, matter_name=matter_name,
        department_code=application.department_code, state=application.state,
        applicant_name=application.applicant_name, enterprise=application.enterprise,
        agent=application.agent_sub, agent_name=application.agent_name,
        submitted_at=application.submitted_at, due_date=application.due_date)


def application_detail(*, session: Session, application: Application, keys: IdentityKeys,
                       principal: Principal, in_full: bool = True) -> ApplicationDetail:
    """The whole application as its applicant, the clerk and the department see it; only its
    metadata and timeliness when the caller oversees it (`in_full=False`)."""
    version = repository.pinned_version(session=session, application=application)
    application_id = application.id or 0
    co = joint.shown(session=session, application_ids=[application_id],
                     full=in_full and principal.has(*joint.HANDLERS)).get(application_id, [])
    shown = application_summary(application, version.name, keys=keys,
                                clear=in_full and principal.has(*CLEAR))
    if not in_full:
        return metadata_only(ApplicationDetail(
            **shown.model_dump(), applicant_sub="", note=None,
            accepted_at=application.accepted_at, matter=pinned(version), materials=[],
            corrections=[], history=_history(session, application_id),
            decision=decision(application), joint=co,
            **clock_fields(session=session, application=application, version=version)))
    return ApplicationDetail(
        **shown.model_dump(),
        applicant_sub=application.applicant_sub, note=application.note,
        accepted_at=application.accepted_at, matter=pinned(version),
        materials=[MaterialOut.model_validate(m._asdict())
                   for m in repository.materials(session=session, application_id=application_id)],
        corrections=[
            CorrectionNoticeOut.model_validate(n.model_dump())
            for n in repository.corrections(session=session, application_id=application_id)],
        history=_history(session, application_id), decision=decision(application), joint=co,
        **clock_fields(session=session, application=application, version=version))


def _history(session: Session, application_id: int) -> list[StateChangeOut]:
    return [StateChangeOut.model_validate(h.model_dump())
            for h in repository.history(session=session, application_id=application_id)]


Shown = TypeVar("Shown", ApplicationListed, ApplicationDetail)


def metadata_only(shown: Shown) -> Shown:
    """What oversight may see of a case: no name, personal numbers, note, files, notices or
    opinion (nor the reasons of a 不予受理)."""
    hidden: dict[str, Any] = {
        "applicant_name": _initial(shown.applicant_name), "note": None, "materials": [],
        "applicant": ApplicantOut(kind=shown.applicant.kind,
                                  name=_initial(shown.applicant.name))}
    if isinstance(shown, ApplicationDetail):
        hidden |= {"applicant_sub": "", "corrections": []}
        if shown.non_acceptance is not None:  # its reasons are read like an opinion
            hidden["non_acceptance"] = shown.non_acceptance.model_copy(update={"reason": None})
    if shown.decision is not None:
        hidden["decision"] = shown.decision.model_copy(update={"opinion": None})
    return shown.model_copy(update=hidden)


def _initial(name: str) -> str:
    return name[:1] + "*" * max(len(name) - 1, 1)


def pinned(version: MatterVersion) -> PinnedVersion:
    """The pinned version with what an applicant needs from it."""
    allowed, longest = extension_rule(version.document)
    return PinnedVersion(**summary(version).model_dump(), materials=version.materials,
                         result_name=result_name(version),
                         special_procedures=special_procedures(version.document),
                         extension_days=longest if allowed else 0)


def result_name(version: MatterVersion) -> str | None:
    """The name of what approval yields (审批结果), from the pinned document."""
    result = version.document.get("result") or {}
    return result.get("name") if isinstance(result, dict) else None


def decision(application: Application) -> DecisionOut | None:
    """The decision, once made."""
    if application.decision is None or application.decided_at is None:
        return None
    return DecisionOut(decision=application.decision, opinion=application.opinion,
                       result_name=application.result_name, decided_at=application.decided_at,
                       decided_by=application.decided_by or "")
