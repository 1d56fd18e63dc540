"""The reviewer's desk: what sits beside the standard on a review case's page — who reviews which
part and by when, the linter's findings on this version (with their codes), the diff against
the version in force, and the case's own history. Each piece is fetched on its own; a piece a
service will not give (the linter refuses supervisors; a matter the catalog does not have) is
shown as unavailable, never as an error page."""

import asyncio
from dataclasses import dataclass, field
from typing import Any

from gateway.clients import catalog, review
from gateway.clients.base import Link, ServiceError
from gateway.standard.diff import sections
from gateway.standard.layout import Reader


@dataclass
class Desk:
    """What the case page shows beside the standard."""

    round: review.CaseRound | None = None
    history: list[review.CaseEvent] = field(default_factory=list)
    findings: list[dict[str, Any]] | None = None  # None: the linter did not answer
    in_force: int | None = None  # the version in force, when there is one to compare
    changes: list[dict[str, Any]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    identical: bool = False


async def desk(services: Link, case: review.Case, layout: Reader) -> Desk:
    """Gather the desk of `case` (five service calls, three at once and one after)."""
    code = str(getattr(case, "implementation_code", ""))
    found_round, history, findings, versions = await asyncio.gather(
        _quietly(review.case_round(services, case.id)),
        _quietly(review.case_history(services, case.id)),
        _quietly(catalog.lint(services, case.standard)), _quietly(catalog.history(services, code)))
    shown = Desk(round=found_round, history=history or [], findings=findings)
    version = int(getattr(case, "version", 0))
    in_force = next((v.version for v in versions or []
                     if v.published_at is not None and v.superseded_at is None), None)
    if in_force is None or in_force == version:
        return shown
    diff = await _quietly(catalog.diff(services, code, in_force, version))
    if diff is not None:
        shown.in_force, shown.identical = in_force, bool(diff.get("identical"))
        shown.changes, shown.unchanged = sections(diff, layout)
    return shown


async def _quietly(call: Any) -> Any:
    try:
        return await call
    except ServiceError:
        return None
