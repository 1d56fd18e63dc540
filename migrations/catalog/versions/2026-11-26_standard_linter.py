"""standard linter: phrase lists (seeded with the defaults) and findings on every version

Revision ID: 0002_lint
Revises: 0001
Create Date: 2026-11-26 10:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0002_lint'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The default phrase lists, as of this migration (catalog.lint.phrases.DEFAULT_PHRASES then);
# a fresh database lints correctly without demo data. Administrators edit them afterwards.
CATCH_ALL = ["其他材料", "其它材料", "其他相关材料", "其他有关材料", "其他证明材料", "其他必要材料",
             "有关部门要求的其他", "要求提供的其他", "等其他"]
VAGUE = ["相关证明", "相关材料", "有关材料", "必要的材料", "原则上", "视情况", "酌情", "必要时"]
VAGUE_ENDINGS = ["等"]


def upgrade() -> None:
    phrases = op.create_table(
        'lint_phrase',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('rule', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('phrase', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column('match_kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lint_phrase')),
        sa.UniqueConstraint('rule', 'phrase', 'match_kind',
                            name=op.f('uq_lint_phrase_rule_phrase_match_kind')),
        schema='catalog',
    )
    with op.batch_alter_table('lint_phrase', schema='catalog') as batch_op:
        batch_op.create_index(batch_op.f('ix_catalog_lint_phrase_rule'), ['rule'], unique=False)
    with op.batch_alter_table('matter_version', schema='catalog') as batch_op:
        batch_op.add_column(sa.Column('findings', sa.JSON(), nullable=True))
    rows = ([("catch-all-clause", p, "contains") for p in CATCH_ALL]
            + [("vague-clause", p, "contains") for p in VAGUE]
            + [("vague-clause", p, "ends_with") for p in VAGUE_ENDINGS])
    op.bulk_insert(phrases, [{"rule": r, "phrase": p, "match_kind": k} for r, p, k in rows])


def downgrade() -> None:
    with op.batch_alter_table('matter_version', schema='catalog') as batch_op:
        batch_op.drop_column('findings')
    with op.batch_alter_table('lint_phrase', schema='catalog') as batch_op:
        batch_op.drop_index(batch_op.f('ix_catalog_lint_phrase_rule'))
    op.drop_table('lint_phrase', schema='catalog')
