"""target adjustments (目标动态调整): a target's value before and after, why, approved by whom
and when

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bioecon.store.types import ExactDecimal, UtcDateTime

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "target_adjustment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("target_key", sa.String(40), nullable=False),
        sa.Column("old_value", ExactDecimal(), nullable=False),
        sa.Column("new_value", ExactDecimal(), nullable=False),
        sa.Column("old_value_high", ExactDecimal()),
        sa.Column("new_value_high", ExactDecimal()),
        sa.Column("unit", sa.String(40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("approved_by", sa.String(200), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=False),
        sa.Column("document", sa.String(300)),
        sa.Column("recorded_by", sa.String(80), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        comment="目标动态调整: a target's value before and after, why, approved by whom and when",
    )
    op.create_index("ix_target_adjustment_plan", "target_adjustment", ["plan_id", "target_key"])


def downgrade() -> None:
    op.drop_index("ix_target_adjustment_plan", table_name="target_adjustment")
    op.drop_table("target_adjustment")
