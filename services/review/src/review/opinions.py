"""A reviewer's opinion as recorded: anchored to its element (or row), tagged with its aspect,
severity and proposal, and refused on an element a re-review has locked as approved."""

from kit.auth import Principal
from kit.clock import now
from kit.errors import Conflict, Invalid
from review.anchors import anchor_of, parse, row_at, row_path
from review.models import Opinion, ReviewCase
from review.schemas import OpinionCreate


def is_open(case: ReviewCase, path: str) -> bool:
    """Whether re-review covers `path` (round 1: every element)."""
    return case.open_elements is None or row_path(path) in case.open_elements


def _check_path(case: ReviewCase, path: str) -> None:
    parsed = parse(path)
    if parsed is None:
        raise Invalid("element must be a path into the standard, such as materials[0] or "
                      "committed_limit.",
                      errors=[{"loc": ["body", "element"], "msg": "not a path"}])
    if parsed[1] is not None and row_at(case.standard, path) is None:
        raise Invalid(f"The standard has no row {row_path(path)}.",
                      errors=[{"loc": ["body", "element"], "msg": "no such row"}])
    if not is_open(case, path):
        raise Conflict(f"{row_path(path)} was approved in round {case.round - 1} and is locked: "
                       "re-review covers only the changed elements and the answered points.")


def _check_proposal(opinion: OpinionCreate) -> None:
    if (opinion.proposal == "change") != bool(opinion.value):
        raise Invalid("A proposal to change needs the value proposed, and only it takes one.",
                      errors=[{"loc": ["body", "value"], "msg": "value goes with change"}])


def new_opinion(*, case: ReviewCase, opinion: OpinionCreate, principal: Principal,
                reviewer_name: str) -> Opinion:
    """The opinion row to record on `case` (not yet added); 422 on a path the standard lacks or
    a proposal without its value, 409 on an element the re-review has locked."""
    _check_path(case, opinion.element)
    _check_proposal(opinion)
    assert case.id is not None
    return Opinion(case_id=case.id, element=opinion.element, aspect=opinion.aspect,
                   text=opinion.text, reviewer=principal.sub, reviewer_name=reviewer_name,
                   created_at=now(), severity=opinion.severity, wording=opinion.wording or None,
                   proposal=opinion.proposal, proposed_value=opinion.value or None,
                   anchor=anchor_of(case.standard, opinion.element))
