"""What the publication event carries beside the matter's document: the linter's clause counts
(publish's reform metrics) and the matter's window in the hall (the guide and its print)."""

from typing import Any

from sqlalchemy.orm import Session

from catalog.lint import lint_standard, load_phrases
from catalog.models import Window
from catalog.standard import from_document


def clause_counts(session: Session, doc: dict[str, Any]) -> dict[str, int]:
    """The vague and catch-all clauses the linter finds in a published document (publish
    computes the reform metrics' clauses fixed from them)."""
    rules = [f.rule for f in lint_standard(from_document(doc), load_phrases(session=session))]
    return {"vague_clauses": rules.count("vague-clause"),
            "catch_all_clauses": rules.count("catch-all-clause")}


def window_of(session: Session, doc: dict[str, Any]) -> dict[str, Any]:
    """The matter's window in the hall, for the guide and its print (none when unknown)."""
    row = session.get(Window, doc.get("window"))
    if row is None:
        return {}
    return {"window": {"code": row.code, "name": row.name, "address": row.address or None,
                       "hours": row.hours or None, "phone": row.phone or None}}
