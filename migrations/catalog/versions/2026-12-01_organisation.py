"""organisation: a department's parent and the windows it serves

Revision ID: 0008_organisation
Revises: 0007_dead_letters
Create Date: 2026-12-01 09:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008_organisation"
down_revision: str | Sequence[str] | None = "0007_dead_letters"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "catalog"
Text = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("department", schema=SCHEMA) as batch_op:
        batch_op.add_column(sa.Column("parent_code", Text(length=18), nullable=True))
        batch_op.create_foreign_key(op.f("fk_department_parent_code_department"), "department",
                                    ["parent_code"], ["code"], referent_schema=SCHEMA)
    op.create_table(
        "department_window",
        sa.Column("department_code", Text(length=18), nullable=False),
        sa.Column("window_code", Text(length=40), nullable=False),
        sa.ForeignKeyConstraint(["department_code"], ["catalog.department.code"],
                                ondelete="CASCADE",
                                name=op.f("fk_department_window_department_code_department")),
        sa.ForeignKeyConstraint(["window_code"], ["catalog.window.code"], ondelete="CASCADE",
                                name=op.f("fk_department_window_window_code_window")),
        sa.PrimaryKeyConstraint("department_code", "window_code",
                                name=op.f("pk_department_window")),
        schema=SCHEMA)
    # Each existing department serves the windows its matters are handled at.
    op.execute("INSERT INTO catalog.department_window (department_code, window_code) "
               "SELECT DISTINCT m.department_code, m.window_code FROM catalog.matter m "
               "JOIN catalog.department d ON d.code = m.department_code "
               "JOIN catalog.window w ON w.code = m.window_code")


def downgrade() -> None:
    op.drop_table("department_window", schema=SCHEMA)
    with op.batch_alter_table("department", schema=SCHEMA) as batch_op:
        batch_op.drop_constraint(op.f("fk_department_parent_code_department"),
                                 type_="foreignkey")
        batch_op.drop_column("parent_code")
