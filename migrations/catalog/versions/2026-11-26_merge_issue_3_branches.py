"""Merge the issue 3 branches (linter, Excel and legal registry, pilots and search).

Revision ID: 0006_merge
Revises: 0002_lint, 0004_excel_legal, 0005_pilots_search
Create Date: 2026-11-26
"""
from collections.abc import Sequence

revision: str = "0006_merge"
down_revision: str | Sequence[str] | None = ("0002_lint", "0004_excel_legal",
                                             "0005_pilots_search")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing to change: the branches touch separate tables."""


def downgrade() -> None:
    """Nothing to change."""
