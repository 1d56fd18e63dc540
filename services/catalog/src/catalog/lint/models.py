"""The linter's own table: the phrases of the clause rules, which an administrator edits."""

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from catalog.models import CatalogTable


class LintPhrase(CatalogTable, table=True):
    """One phrase a clause rule looks for (e.g. 其他材料 for catch-all-clause)."""

    __tablename__ = "lint_phrase"
    __table_args__ = (UniqueConstraint("rule", "phrase", "match_kind"),)

    id: int | None = Field(default=None, primary_key=True)
    rule: str = Field(max_length=40, index=True)
    phrase: str = Field(max_length=50)
    match_kind: str = Field(max_length=10)  # contains | ends_with
