"""The review's own workload, told to publish when a case concludes (`review.workload`): the
standard's size (elements, characters) and each reviewer's share (opinions, elements)."""

from typing import Any

from sqlalchemy.orm import Session

from kit.clock import now
from kit.outbox import emit
from review.models import Opinion, ReviewCase, outbox

EVENT = "review.workload"


def characters(value: Any) -> int:
    """The characters of every text in a standard (its keys not counted)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(characters(v) for v in value.values())
    if isinstance(value, list):
        return sum(characters(v) for v in value)
    return 0


def elements(case: ReviewCase) -> int:
    """The elements the round reviewed: those reopened from round 2 on, else every filled one."""
    if case.open_elements is not None:
        return len(case.open_elements)
    return sum(1 for value in case.standard.values() if value not in (None, "", [], {}))


def payload(case: ReviewCase, opinions: list[Opinion], *, lead: str, lead_name: str,
            decision: str) -> dict[str, Any]:
    """The workload of one concluded case (contract: docs/internal-contracts.md)."""
    shares: dict[str, dict[str, Any]] = {lead: {"reviewer": lead, "name": lead_name,
                                                "opinions": 0, "elements": set()}}
    for opinion in opinions:
        share = shares.setdefault(opinion.reviewer, {
            "reviewer": opinion.reviewer, "name": opinion.reviewer_name, "opinions": 0,
            "elements": set()})
        share["opinions"] += 1
        share["elements"].add(opinion.element.split("[")[0].split(".")[0])
    return {"case_id": case.id, "round": case.round, "group": case.group_code,
            "implementation_code": case.implementation_code, "version": case.version,
            "department": {"code": case.department_code, "name": case.department_name},
            "decision": decision, "concluded_at": now().isoformat(),
            "elements": elements(case), "characters": characters(case.standard),
            "reviewers": [{**s, "elements": len(s["elements"])} for s in shares.values()]}


def tell(session: Session, case: ReviewCase, opinions: list[Opinion], *, lead: str,
         lead_name: str, decision: str) -> None:
    """Emit the case's workload to publish, in the conclusion's transaction."""
    emit(session, outbox, event_type=EVENT, destinations=["publish"],
         payload=payload(case, opinions, lead=lead, lead_name=lead_name, decision=decision))
