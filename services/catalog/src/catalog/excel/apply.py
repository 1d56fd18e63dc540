"""Saving the matters of a checked workbook as drafts, through the catalog's own functions."""

from typing import Any

from sqlalchemy.orm import Session

from catalog.excel.problems import domain_message
from catalog.excel.reader import ParsedMatter, ParsedWorkbook, Progress
from catalog.matters import repository, service
from catalog.models import MatterVersion
from catalog.standard import MatterStandard
from kit.auth import Principal
from kit.errors import DomainError

OUTCOMES = ("created", "updated", "drafted", "unchanged")


class ImportRefused(Exception):
    """Some matters could not be saved; nothing of the file may stay."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def save_matters(*, session: Session, parsed: ParsedWorkbook, actor: Principal,
                 progress: Progress) -> dict[str, list[dict[str, Any]]]:
    """Create or update a draft per matter; ImportRefused (after trying every matter, so all
    problems are known) when any refusal occurs; the caller then rolls the whole file back."""
    outcome: dict[str, list[dict[str, Any]]] = {kind: [] for kind in OUTCOMES}
    problems: list[dict[str, Any]] = []
    total = len(parsed.matters)
    for done, matter in enumerate(parsed.matters, start=1):
        assert matter.standard is not None
        try:
            with session.begin_nested():  # a refused matter leaves nothing half-written
                kind, row = save_one(session=session, standard=matter.standard, actor=actor)
        except DomainError as exc:
            problems += pinned(matter, exc)
        else:
            outcome[kind].append(summary(matter, row))
        progress("saving", done, total)
    if problems:
        raise ImportRefused(problems)
    return outcome


def save_one(*, session: Session, standard: MatterStandard,
             actor: Principal) -> tuple[str, MatterVersion]:
    """A new matter; else its draft updated; else a new draft of the published matter."""
    code = standard.implementation_code
    if repository.find_matter(session=session, code=code) is None:
        _, row = service.create_matter(session=session, standard=standard, actor=actor)
        return "created", row
    matter = repository.get_matter(session=session, code=code, actor=actor)
    versions = repository.versions_of(session=session, matter=matter)
    latest = versions[-1]
    current = next((v for v in versions if v.version == matter.current_version), None)
    wanted = standard.model_dump(mode="json")
    for known in (latest, current):
        if known is not None and same(known.standard, wanted):
            return "unchanged", known
    if latest.state in service.EDITABLE:
        kind, row = "updated", latest
    else:
        kind, row = "drafted", service.new_version(session=session, matter=matter, actor=actor)
    # The ETag of the row being updated, read just now: a concurrent editor's save still wins
    # the race in update_version (412), which refuses the whole file.
    return kind, service.update_version(session=session, matter=matter, row=row,
                                        standard=standard, if_match=service.etag(row),
                                        actor=actor)


def same(stored: dict[str, Any], wanted: dict[str, Any]) -> bool:
    """Whether a stored standard says exactly what the file says."""
    try:
        return MatterStandard.model_validate(stored).model_dump(mode="json") == wanted
    except ValueError:
        return False


def pinned(matter: ParsedMatter, exc: DomainError) -> list[dict[str, Any]]:
    """A refusal of the catalog as problems on the cells it names (or the matter's code)."""
    if not exc.errors:
        return [matter.locate(()).problem(domain_message(exc.detail))]
    return [matter.locate(tuple(x for x in error.get("loc", ()) if x != "body"))
            .problem(domain_message(str(error.get("msg") or exc.detail)))
            for error in exc.errors]


def summary(matter: ParsedMatter, row: MatterVersion) -> dict[str, Any]:
    """What the result lists for one matter, with the linter's errors when it ran."""
    findings = getattr(row, "findings", None) or []
    return {"implementation_code": matter.code, "name": row.standard.get("name", ""),
            "version": row.version, "state": row.state, "row": matter.row,
            "lint_errors": sum(1 for f in findings if f.get("severity") == "error"),
            "lint_warnings": sum(1 for f in findings if f.get("severity") == "warning")}
