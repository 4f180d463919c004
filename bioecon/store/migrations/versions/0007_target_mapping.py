"""target mapping: how each target's indicator was chosen (rule, fuzzy, manual), its
confidence (0–1) and the reason, recorded by `bioecon extract` and `bioecon plan map`

Targets stored before this revision have none: how their indicator was chosen is not known.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bioecon.store.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mapping_method", sa.String(10), nullable=True))
        batch_op.add_column(
            sa.Column("mapping_confidence", bioecon.store.types.ExactDecimal(), nullable=True)
        )
        batch_op.add_column(sa.Column("mapping_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.drop_column("mapping_reason")
        batch_op.drop_column("mapping_confidence")
        batch_op.drop_column("mapping_method")
