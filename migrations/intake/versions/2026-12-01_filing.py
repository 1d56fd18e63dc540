"""filing: who applies, case numbers and query codes, slots, files in the store

Revision ID: 0002_filing
Revises: 0002_dead_letters
Create Date: 2026-12-01
"""
import os
import secrets
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import sqlalchemy as sa
import sqlmodel
from alembic import op

import kit.db

revision: str = "0002_filing"
down_revision: str | None = "0002_dead_letters"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "intake"
CHINA = ZoneInfo("Asia/Shanghai")
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
Text = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "case_counter",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_case_counter")),
        schema=SCHEMA,
    )
    with op.batch_alter_table("application", schema=SCHEMA) as batch_op:
        batch_op.add_column(sa.Column("case_number", Text(length=30), nullable=True))
        batch_op.add_column(sa.Column("query_code", Text(length=12), nullable=True))
        batch_op.add_column(sa.Column("applicant_kind", Text(length=20), nullable=False,
                                      server_default="person"))
        batch_op.add_column(sa.Column("credit_code", Text(length=18), nullable=True))
        batch_op.add_column(sa.Column("legal_representative", Text(length=100), nullable=True))
        batch_op.add_column(sa.Column("identity_sealed", Text(length=1000), nullable=True))
        batch_op.add_column(sa.Column("id_number_hash", Text(length=64), nullable=True))
        batch_op.add_column(sa.Column("incomplete", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    _number_existing_applications()
    with op.batch_alter_table("application", schema=SCHEMA) as batch_op:
        batch_op.alter_column("case_number", existing_type=Text(length=30), nullable=False)
        batch_op.alter_column("query_code", existing_type=Text(length=12), nullable=False)
        batch_op.alter_column("applicant_kind", server_default=None)
        batch_op.alter_column("incomplete", server_default=None)
        batch_op.create_unique_constraint(op.f("uq_application_case_number"), ["case_number"])
        batch_op.create_index(op.f("ix_intake_application_id_number_hash"), ["id_number_hash"])
    with op.batch_alter_table("material", schema=SCHEMA) as batch_op:
        batch_op.add_column(sa.Column("slot", sa.Integer(), nullable=True))
        batch_op.alter_column("content", existing_type=sa.LargeBinary(), nullable=True)
        batch_op.create_index(op.f("ix_intake_material_sha256"), ["sha256"])


def _number_existing_applications() -> None:
    """Every application filed before gets its 办件编号 (by filing day, in filing order) and a
    query code; the day counters go on from there."""
    zone = os.environ.get("INTAKE_ZONE_CODE") or os.environ.get("ONEWINDOW_ZONE_CODE") or "430103"
    application = sa.table(
        "application", sa.column("id", sa.Integer()), sa.column("enterprise", Text()),
        sa.column("submitted_at", kit.db.UtcDateTime(timezone=True)),
        sa.column("case_number", Text()), sa.column("query_code", Text()),
        sa.column("applicant_kind", Text()), sa.column("credit_code", Text()), schema=SCHEMA)
    counter = sa.table("case_counter", sa.column("day", sa.Date()),
                       sa.column("last", sa.Integer()), schema=SCHEMA)
    bind = op.get_bind()
    rows = bind.execute(sa.select(application.c.id, application.c.submitted_at,
                                  application.c.enterprise).order_by(application.c.id)).all()
    last: dict[object, int] = {}
    for row_id, submitted_at, enterprise in rows:
        day = submitted_at.astimezone(CHINA).date()
        last[day] = last.get(day, 0) + 1
        code = "".join(secrets.choice(ALPHABET) for _ in range(6))
        bind.execute(application.update().where(application.c.id == row_id).values(
            case_number=f"{zone}-{day:%Y%m%d}-{last[day]:05d}", query_code=code,
            applicant_kind="enterprise" if enterprise else "person", credit_code=enterprise))
    if last:
        bind.execute(counter.insert(), [{"day": d, "last": n} for d, n in last.items()])


def downgrade() -> None:
    # Materials kept in the file store have no bytes in the row: the downgrade keeps their rows
    # with empty content, so the old schema stays valid (the files stay in the store).
    op.execute(sa.text(f"UPDATE {SCHEMA}.material SET content = :empty WHERE content IS NULL")
               .bindparams(sa.bindparam("empty", b"", type_=sa.LargeBinary())))
    with op.batch_alter_table("material", schema=SCHEMA) as batch_op:
        batch_op.drop_index(op.f("ix_intake_material_sha256"))
        batch_op.alter_column("content", existing_type=sa.LargeBinary(), nullable=False)
        batch_op.drop_column("slot")
    with op.batch_alter_table("application", schema=SCHEMA) as batch_op:
        batch_op.drop_index(op.f("ix_intake_application_id_number_hash"))
        batch_op.drop_constraint(op.f("uq_application_case_number"), type_="unique")
        for column in ("incomplete", "id_number_hash", "identity_sealed",
                       "legal_representative", "credit_code", "applicant_kind", "query_code",
                       "case_number"):
            batch_op.drop_column(column)
    op.drop_table("case_counter", schema=SCHEMA)
