"""Answering the feedback point by point: each point of a returned version's letter is accepted
and revised (linked to the changed element) or explained; the version cannot be resubmitted
while a point has no answer, and the answers go to review with the resubmission."""

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from catalog.answers.models import FeedbackAnswer
from catalog.answers.schemas import AnswerIn, AnswerRead, AnswerSheet, PointRead
from catalog.models import MatterVersion, audit
from kit.audit import record
from kit.auth import Principal
from kit.clock import now
from kit.errors import Conflict, Invalid, NotFound

PATH = re.compile(r"^([a-z_]+)(?:\[(\d{1,4})\])?(?:\.[a-z_.]+)?$")
NAME_FIELDS = ("name", "text", "circumstance", "question", "law", "code")


def points_of(row: MatterVersion) -> list[dict[str, Any]]:
    """The numbered points of the version's letter (none for an older, unnumbered letter)."""
    feedback = row.feedback or {}
    if not feedback.get("case_id"):
        return []
    return [p for p in feedback.get("opinions") or [] if isinstance(p, dict) and p.get("number")]


def _answers(session: Session, row: MatterVersion) -> dict[int, FeedbackAnswer]:
    case_id = (row.feedback or {}).get("case_id")
    rows = session.scalars(select(FeedbackAnswer).where(
        col(FeedbackAnswer.matter_version_id) == row.id, col(FeedbackAnswer.case_id) == case_id))
    return {a.point: a for a in rows}


def sheet(*, session: Session, row: MatterVersion) -> AnswerSheet:
    """The letter's points, each with its answer, and the numbers still unanswered."""
    answers, points = _answers(session, row), points_of(row)
    feedback = row.feedback or {}
    return AnswerSheet(
        case_id=feedback.get("case_id"), round=feedback.get("round"),
        points=[PointRead(number=p["number"], point=p,
                          answer=AnswerRead.model_validate(answers[p["number"]],
                                                           from_attributes=True)
                          if p["number"] in answers else None) for p in points],
        unanswered=[p["number"] for p in points if p["number"] not in answers])


def _row_name(row: Any) -> str:
    if not isinstance(row, dict):
        return str(row)
    return next((str(row[k]) for k in NAME_FIELDS if row.get(k)), "")


def _element(standard: dict[str, Any], path: str) -> str | None:
    """The name of the row `path` addresses ("" for an element), or None if the standard has
    no such element or row."""
    match = PATH.match(path)
    if match is None or match[1] not in standard:
        return None
    if match[2] is None:
        return ""
    rows = standard[match[1]]
    index = int(match[2])
    return _row_name(rows[index]) if isinstance(rows, list) and index < len(rows) else None


def answer(*, session: Session, row: MatterVersion, number: int, given: AnswerIn,
           actor: Principal) -> AnswerRead:
    """Record (or change) the answer to point `number` of a returned version's letter."""
    if row.state != "returned":
        raise Conflict("Only a returned version's feedback is answered.")
    if number not in {p["number"] for p in points_of(row)}:
        raise NotFound(f"The feedback letter has no point {number}.")
    name = _element(row.standard, given.element) if given.element else None
    if given.kind == "revised" and name is None:
        raise Invalid("Say which element you revised (a path of this version's standard, such "
                      "as materials[0]).", errors=[{"loc": ["body", "element"],
                                                    "msg": "no such element"}])
    if given.kind == "explained" and not given.reason:
        raise Invalid("Explain why the point is not adopted.",
                      errors=[{"loc": ["body", "reason"], "msg": "reason required"}])
    found = _answers(session, row).get(number)
    before = AnswerRead.model_validate(found, from_attributes=True).model_dump(mode="json") \
        if found else None
    if found is None:
        found = FeedbackAnswer(matter_version_id=row.id or 0, point=number,
                               case_id=int((row.feedback or {})["case_id"]), kind=given.kind,
                               answered_by=actor.sub, answered_at=now())
        session.add(found)
    found.kind, found.reason = given.kind, given.reason
    found.element = given.element if given.kind == "revised" else None
    found.element_name = name or None if given.kind == "revised" else None
    found.answered_by, found.answered_at = actor.sub, now()
    session.flush()
    after = AnswerRead.model_validate(found, from_attributes=True)
    record(session, audit, actor=actor.sub, action="feedback.answered", entity="matter_version",
           entity_id=f"{row.standard['implementation_code']}/{row.version}", before=before,
           after=after.model_dump(mode="json"))
    return after


def refuse_unanswered(*, session: Session, row: MatterVersion) -> None:
    """422 while a point of the returned version's letter has no answer."""
    missing = sheet(session=session, row=row).unanswered
    if missing:
        raise Invalid(f"{len(missing)} point(s) of the feedback letter have no answer: "
                      f"{', '.join(map(str, missing))}. Answer every point before resubmitting.",
                      errors=[{"loc": ["answers", n], "msg": "no answer", "point": n}
                              for n in missing])


def _relocated(standard: dict[str, Any], answer: FeedbackAnswer) -> str | None:
    """Where the revised row is now: still at its path, or moved since (found by its name)."""
    if answer.element is None or not answer.element_name:
        return answer.element
    if _element(standard, answer.element) == answer.element_name:
        return answer.element
    match = PATH.match(answer.element)
    rows = standard.get(match[1]) if match else None
    if match and isinstance(rows, list):
        for index, found in enumerate(rows):
            if _row_name(found) == answer.element_name:
                return f"{match[1]}[{index}]"
    return answer.element


def submitted_answers(*, session: Session, row: MatterVersion) -> list[dict[str, Any]]:
    """The answers as the resubmission carries them to review."""
    return [{"case_id": a.case_id, "point": a.point, "kind": a.kind,
             "element": _relocated(row.standard, a), "element_name": a.element_name,
             "reason": a.reason} for a in sorted(_answers(session, row).values(),
                                                 key=lambda a: a.point)]
