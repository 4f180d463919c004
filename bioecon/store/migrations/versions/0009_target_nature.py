"""target nature: the 属性 (预期性/约束性) of a target read from a plan's 主要指标 table

Targets stored before this revision have none: their plans did not say, or were not read.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.add_column(sa.Column("nature", sa.String(10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.drop_column("nature")
