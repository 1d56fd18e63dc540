"""docs: documents issued on a case (receipt, notices, decisions), their facts and PDF hash

Revision ID: 0003_docs
Revises: 0002_filing
Create Date: 2026-12-01
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = "0003_docs"
down_revision: str | None = "0002_filing"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "intake"
Text = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("kind", Text(length=30), nullable=False),
        sa.Column("verification_code", Text(length=32), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("issued_at", kit.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("sha256", Text(length=64), nullable=True),
        sa.Column("rendered_at", kit.db.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["application_id"], ["intake.application.id"],
                                name=op.f("fk_document_application_id_application"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("verification_code", name=op.f("uq_document_verification_code")),
        schema=SCHEMA,
    )
    with op.batch_alter_table("document", schema=SCHEMA) as batch_op:
        batch_op.create_index(batch_op.f("ix_intake_document_application_id"),
                              ["application_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_intake_document_sha256"), ["sha256"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("document", schema=SCHEMA) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intake_document_sha256"))
        batch_op.drop_index(batch_op.f("ix_intake_document_application_id"))
    op.drop_table("document", schema=SCHEMA)
