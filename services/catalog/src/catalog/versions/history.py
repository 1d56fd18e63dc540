"""Reading a matter's history: who may read it, its versions with their time in force."""

from typing import Any

from sqlalchemy.orm import Session

from catalog.matters import repository
from catalog.matters.exceptions import MatterNotFound
from catalog.models import Matter, MatterVersion
from catalog.versions.diff import standard_diff
from kit.auth import Principal
from kit.errors import Invalid

# Review groups read any matter's history (read-only): a case may concern any department.
READ_ANY = {"admin", "publisher", "supervisor", "reviewer", "lead"}


def readable_matter(*, session: Session, code: str, actor: Principal) -> Matter:
    """The matter with `code` if the actor may read its history; 404 otherwise."""
    if not actor.has(*READ_ANY):
        return repository.get_matter(session=session, code=code, actor=actor)
    matter = repository.find_matter(session=session, code=code)
    if matter is None:
        raise MatterNotFound(code)
    return matter


def superseded_at(versions: list[MatterVersion]) -> dict[int, Any]:
    """For each version that went live, when the next one went live (None while in force)."""
    live = [v for v in versions if v.published_at is not None]
    return {v.version: (live[i + 1].published_at if i + 1 < len(live) else None)
            for i, v in enumerate(live)}


def default_pair(versions: list[MatterVersion], start: int | None,
                 end: int | None) -> tuple[int, int]:
    """The versions to compare: `end` defaults to the latest, `start` to the one before it."""
    end = end if end is not None else versions[-1].version
    start = start if start is not None else end - 1
    if start < 1:
        raise Invalid("Version 1 has no earlier version; name the versions to compare.",
                      errors=[{"loc": ["query", "from"], "msg": "no earlier version"}])
    return start, end


def version_diff(*, session: Session, matter: Matter, start: int | None,
                 end: int | None) -> dict[str, Any]:
    """The element-level diff from version `start` to version `end` of a matter."""
    versions = repository.versions_of(session=session, matter=matter)
    start, end = default_pair(versions, start, end)
    before = repository.get_version(session=session, matter=matter, version=start)
    after = repository.get_version(session=session, matter=matter, version=end)
    return {"implementation_code": matter.implementation_code,
            "from": _ref(before), "to": _ref(after),
            **standard_diff(before.standard, after.standard)}


def _ref(row: MatterVersion) -> dict[str, Any]:
    return {"version": row.version, "state": row.state, "effective_from": row.effective_from,
            "published_at": row.published_at}
