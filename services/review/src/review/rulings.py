"""The lead's side of the letter: the consolidation preview, rulings on conflicts, and the sent
letter as a printable PDF."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from kit import audit as audit_trail
from kit.auth import Principal
from kit.clock import now
from kit.errors import Conflict, Invalid, NotFound
from review import rendering, service
from review.letter_schemas import ConsolidationPublic, RulingCreate, RulingPublic
from review.models import ConflictResolution, ConsolidatedFeedback, ReviewCase, ReviewGroup, audit


def preview(*, session: Session, principal: Principal, case_id: int) -> ConsolidationPublic:
    """The letter as it would go now, and the conflicts the lead must resolve first."""
    case = service.visible_case(session=session, principal=principal, case_id=case_id)
    found = service.consolidation(session, case)
    return ConsolidationPublic(case_id=case_id, points=found.points, conflicts=found.conflicts,
                               open_conflicts=len(found.open_conflicts))


def resolve(*, session: Session, principal: Principal, case_id: int,
            ruling: RulingCreate) -> RulingPublic:
    """Record the lead's ruling on the conflict about one element (a later ruling replaces an
    earlier one); 409 when the element has no conflict, 422 for a choice outside it."""
    case = service.acting_case(session=session, principal=principal, case_id=case_id)
    conflict = next((c for c in service.consolidation(session, case).conflicts
                     if c["element"] == ruling.element), None)
    if conflict is None:
        raise Conflict(f"The opinions on {ruling.element} do not contradict each other.")
    if ruling.chosen_opinion_id is not None and \
            ruling.chosen_opinion_id not in conflict["opinion_ids"]:
        raise Invalid("Choose one of the contradicting opinions, or none with a note.",
                      errors=[{"loc": ["body", "chosen_opinion_id"], "msg": "not in conflict"}])
    if ruling.chosen_opinion_id is None and not ruling.note:
        raise Invalid("When no opinion stands, the note says what the department is to do.",
                      errors=[{"loc": ["body", "note"], "msg": "required"}])
    row = ConflictResolution(case_id=case_id, element=ruling.element,
                             opinion_ids=conflict["opinion_ids"],
                             chosen_opinion_id=ruling.chosen_opinion_id, note=ruling.note,
                             lead=principal.sub, lead_name=service.display_name(principal),
                             resolved_at=now())
    session.add(row)
    session.flush()
    audit_trail.record(session, audit, actor=principal.sub, action="conflict.resolved",
                       entity="review_case", entity_id=str(case.id),
                       before={"element": ruling.element, "proposals": conflict["proposals"]},
                       after=ruling.model_dump() | {"resolution_id": row.id})
    return RulingPublic.model_validate(row, from_attributes=True)


def _readable_letter(session: Session, principal: Principal,
                     case_id: int) -> tuple[ReviewCase, ConsolidatedFeedback]:
    """The case and its sent letter, for its group, overseers and the department's editors."""
    case = session.get(ReviewCase, case_id)
    own_department = (case is not None and principal.has("editor")
                      and principal.department == case.department_code)
    if case is None or not (own_department or service.can_see(principal, case.group_code)):
        raise NotFound(f"Review case {case_id} was not found.")
    letter = session.scalars(select(ConsolidatedFeedback)
                             .where(col(ConsolidatedFeedback.case_id) == case_id)).first()
    if letter is None:
        raise NotFound(f"Review case {case_id} has not sent its letter yet.")
    return case, letter


def letter_facts(case: ReviewCase, letter: ConsolidatedFeedback,
                 group_name: str) -> dict[str, Any]:
    """What the printed letter says."""
    return {"matter_name": case.name, "implementation_code": case.implementation_code,
            "version": case.version, "round": case.round, "case_id": case.id,
            "department_name": case.department_name, "group_name": group_name,
            "decision": letter.decision, "summary": letter.summary,
            "lead_name": letter.lead_name, "issued_on": letter.issued_at.isoformat(),
            "points": [{"number": number, "aspects": [point.get("aspect")],
                        "severity": "must_fix", "proposal": None, "value": None,
                        "wording": None, "row_name": None, "reviewer": "", **point}
                       for number, point in enumerate(letter.opinions, start=1)]}


def letter_pdf(*, session: Session, principal: Principal, case_id: int) -> tuple[str, bytes]:
    """(file name, PDF) of a case's sent letter."""
    case, letter = _readable_letter(session, principal, case_id)
    group = session.get(ReviewGroup, case.group_code)
    facts = letter_facts(case, letter, group.name if group else case.group_code)
    return (f"review-letter-{case.implementation_code}-v{case.version}-r{case.round}.pdf",
            rendering.render_pdf(facts))
