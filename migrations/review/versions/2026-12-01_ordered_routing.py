"""ordered routing: rules on window, department and matter type, evaluated in order, and a
default group as the explicit fallback; groups say the domains they cover

The one-rule-per-window table becomes ordered rules: each window rule is kept, in the order of
its window's code, and group G1 (the old built-in fallback) becomes the default group.

Revision ID: 0003_ordered_routing
Revises: 0002_dead_letters
Create Date: 2026-12-01 09:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003_ordered_routing"
down_revision: str | Sequence[str] | None = "0002_dead_letters"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "review"
Text = sqlmodel.sql.sqltypes.AutoString
OLD_FALLBACK = "G1"


def upgrade() -> None:
    # Rules are read and their table dropped first: on SQLite, altering review_group copies
    # and drops it, and the rules' ON DELETE CASCADE would empty them.
    rules = op.get_bind().execute(sa.text(
        "SELECT \"window\", group_code FROM review.routing_rule ORDER BY \"window\"")).all()
    _drop_rules()
    with op.batch_alter_table("review_group", schema=SCHEMA) as batch_op:
        batch_op.add_column(sa.Column("domains", Text(length=200), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("is_default", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table("review_group", schema=SCHEMA) as batch_op:
        batch_op.alter_column("domains", server_default=None)
        batch_op.alter_column("is_default", server_default=None)
    op.execute(sa.text("UPDATE review.review_group SET is_default = :yes WHERE code = :code")
               .bindparams(yes=True, code=OLD_FALLBACK))
    table = _ordered_rules()
    op.bulk_insert(table, [{"position": n, "window": window, "group_code": group, "note": ""}
                           for n, (window, group) in enumerate(rules, start=1)])


def downgrade() -> None:
    # Only rules on a window alone survive, the first of each window (its old meaning).
    rules = op.get_bind().execute(sa.text(
        "SELECT \"window\", group_code FROM review.routing_rule WHERE \"window\" IS NOT NULL "
        "AND department_code IS NULL AND matter_type IS NULL ORDER BY position, id")).all()
    kept: dict[str, str] = {}
    for window, group in rules:
        kept.setdefault(window, group)
    _drop_rules()
    with op.batch_alter_table("review_group", schema=SCHEMA) as batch_op:
        batch_op.drop_column("is_default")
        batch_op.drop_column("domains")
    table = _window_rules()
    op.bulk_insert(table, [{"window": w, "group_code": g} for w, g in kept.items()])


def _group_key() -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["group_code"], ["review.review_group.code"],
                                   ondelete="CASCADE",
                                   name=op.f("fk_routing_rule_group_code_review_group"))


def _drop_rules() -> None:
    op.drop_index(op.f("ix_review_routing_rule_group_code"), table_name="routing_rule",
                  schema=SCHEMA)
    op.drop_table("routing_rule", schema=SCHEMA)


def _ordered_rules() -> sa.Table:
    table = op.create_table(
        "routing_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("window", Text(length=40), nullable=True),
        sa.Column("department_code", Text(length=18), nullable=True),
        sa.Column("matter_type", Text(length=2), nullable=True),
        sa.Column("group_code", Text(length=20), nullable=False),
        sa.Column("note", Text(length=200), nullable=False),
        _group_key(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routing_rule")),
        schema=SCHEMA)
    op.create_index(op.f("ix_review_routing_rule_group_code"), "routing_rule", ["group_code"],
                    schema=SCHEMA)
    op.create_index(op.f("ix_review_routing_rule_position"), "routing_rule", ["position"],
                    schema=SCHEMA)
    assert table is not None
    return table


def _window_rules() -> sa.Table:
    table = op.create_table(
        "routing_rule",
        sa.Column("window", Text(length=40), nullable=False),
        sa.Column("group_code", Text(length=20), nullable=False),
        _group_key(),
        sa.PrimaryKeyConstraint("window", name=op.f("pk_routing_rule")),
        schema=SCHEMA)
    op.create_index(op.f("ix_review_routing_rule_group_code"), "routing_rule", ["group_code"],
                    schema=SCHEMA)
    assert table is not None
    return table
