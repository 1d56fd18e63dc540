"""The clause counts catalog's linter sends with a published version, kept per version."""

from sqlalchemy.orm import Session

from publish.reform.models import VersionLint
from publish.schemas import LintCounts


def keep(*, session: Session, code: str, version: int, lint: LintCounts | None) -> None:
    """Store (or replace) a version's counts; nothing when the event carried none."""
    if lint is None:
        return
    row = session.get(VersionLint, (code, version)) or VersionLint(
        implementation_code=code, version=version, vague_clauses=0, catch_all_clauses=0)
    row.vague_clauses, row.catch_all_clauses = lint.vague_clauses, lint.catch_all_clauses
    session.add(row)
    session.flush()
