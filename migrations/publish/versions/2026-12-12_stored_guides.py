"""stored guides: each matter on the lists keeps its guide serialized, with its ETag

Revision ID: stored_guides
Revises: progress_reports
Create Date: 2026-12-12 09:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "stored_guides"
down_revision: str | None = "progress_reports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("public_matter", schema="publish") as batch_op:
        batch_op.add_column(sa.Column("guide", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("guide_etag", sqlmodel.sql.sqltypes.AutoString(length=80),
                                      nullable=True))
    _store_guides()
    with op.batch_alter_table("public_matter", schema="publish") as batch_op:
        batch_op.alter_column("guide", existing_type=sa.LargeBinary(), nullable=False)
        batch_op.alter_column("guide_etag", existing_type=sqlmodel.sql.sqltypes.AutoString(
            length=80), nullable=False)


def _store_guides() -> None:
    """The matters already on the lists get their guide serialized as the app serializes it."""
    from publish.service import guide_answer  # noqa: PLC0415  (data step)

    bind = op.get_bind()
    matters = sa.table("public_matter", sa.column("implementation_code"),
                       sa.column("version", sa.Integer), sa.column("document", sa.JSON),
                       sa.column("department_name"), sa.column("hall_window", sa.JSON),
                       sa.column("guide", sa.LargeBinary), sa.column("guide_etag"),
                       schema="publish")
    rows = bind.execute(sa.select(matters.c.implementation_code, matters.c.version,
                                  matters.c.document, matters.c.department_name,
                                  matters.c.hall_window)).all()
    for code, version, document, department, window in rows:
        body, etag = guide_answer(document=document, department_name=department,
                                  hall_window=window, version=version)
        bind.execute(matters.update().where(matters.c.implementation_code == code)
                     .values(guide=body, guide_etag=etag))


def downgrade() -> None:
    with op.batch_alter_table("public_matter", schema="publish") as batch_op:
        batch_op.drop_column("guide_etag")
        batch_op.drop_column("guide")
