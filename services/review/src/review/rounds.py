"""Rounds of one version's review: what a re-review covers (the changed elements and the points
the department answered; the rest is locked as approved) and what the desk shows of the earlier
rounds (each point of their letters with the department's answer and where its element is now).
"""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from review.anchors import locate, row_at, row_path, top
from review.models import ConsolidatedFeedback, ReviewCase
from review.schemas import Answer


def changed_rows(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    """Elements that differ, and for a list each row of `after` not in `before` as it was."""
    found: set[str] = set()
    for key in after.keys() | before.keys():
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        found.add(key)
        if isinstance(new, list):
            kept = old if isinstance(old, list) else []
            found |= {f"{key}[{i}]" for i, row in enumerate(new) if row not in kept}
    return found


def open_elements(*, before: dict[str, Any], after: dict[str, Any],
                  points: list[dict[str, Any]], answers: list[Answer]) -> list[str]:
    """What the next round reviews: the changed elements and rows, each answered point's
    element where it is now, and the rows the department says it revised."""
    opened = changed_rows(before, after)
    links = {a.point: a.element for a in answers if a.element}
    for number, point in enumerate(points, start=1):
        link = links.get(point.get("number", number))
        found = locate(point.get("anchor"), point["element"], after, link)
        opened |= {found} if found else set()
    opened |= {row_path(link) for link in links.values()
               if row_at(after, link) is not None or (link in after and "[" not in link)}
    return sorted(opened)


def _letter(session: Session, case_id: int) -> ConsolidatedFeedback | None:
    return session.scalars(select(ConsolidatedFeedback)
                           .where(col(ConsolidatedFeedback.case_id) == case_id)).first()


def previous_round(session: Session, case: ReviewCase) -> tuple[ReviewCase, Any] | None:
    """The earlier round of the same version this case follows, and its letter, when it was
    returned with one."""
    if case.previous_case_id is None:
        return None
    earlier = session.get(ReviewCase, case.previous_case_id)
    if earlier is None or earlier.version != case.version:
        return None
    letter = _letter(session, case.previous_case_id)
    return (earlier, letter) if letter is not None and letter.decision == "returned" else None


def _changed(point: dict[str, Any], now_at: str | None, before: dict[str, Any],
             after: dict[str, Any]) -> bool | None:
    if now_at is None:
        return None
    anchor = point.get("anchor")
    if anchor:
        return row_at(after, now_at) != anchor["row"]
    return before.get(top(now_at)) != after.get(top(now_at))


def earlier_rounds(session: Session, case: ReviewCase) -> list[dict[str, Any]]:
    """The earlier rounds of this version, oldest first: each letter's points with the
    department's answer, where the element is now in this case's standard, and whether it
    changed since that round."""
    cases = list(session.scalars(
        select(ReviewCase).where(col(ReviewCase.implementation_code) == case.implementation_code,
                                 col(ReviewCase.version) == case.version,
                                 col(ReviewCase.round) <= case.round)
        .order_by(col(ReviewCase.round))))
    rounds = []
    for earlier, following in zip(cases, cases[1:], strict=False):
        letter = _letter(session, earlier.id or 0)
        if letter is None:
            continue
        answers = {a["point"]: a for a in following.answers or [] if a["case_id"] == earlier.id}
        points = []
        for number, point in enumerate(letter.opinions, start=1):
            number = point.get("number", number)
            answer = answers.get(number)
            now_at = locate(point.get("anchor"), point["element"], case.standard,
                            (answer or {}).get("element"))
            points.append({**point, "number": number, "answer": answer, "now_at": now_at,
                           "changed": _changed(point, now_at, earlier.standard, case.standard)})
        rounds.append({"round": earlier.round, "case_id": earlier.id,
                       "decision": letter.decision, "summary": letter.summary,
                       "lead_name": letter.lead_name, "issued_at": letter.issued_at,
                       "points": points})
    return rounds


def reopened(session: Session, earlier: ReviewCase, standard: dict[str, Any],
             answers: list[Answer]) -> list[str] | None:
    """The open elements of the round after `earlier` (None: all open, when `earlier` was not
    returned with a letter)."""
    letter = _letter(session, earlier.id or 0)
    if letter is None or letter.decision != "returned":
        return None
    return open_elements(before=earlier.standard, after=standard, points=letter.opinions,
                         answers=[a for a in answers if a.case_id == earlier.id])
