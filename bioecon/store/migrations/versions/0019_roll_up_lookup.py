"""the ledger's roll-up looks up a parent's report of one period on an index (indicator, org
unit, period) instead of a CTE PostgreSQL cannot estimate (issue #20)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_observation_unit_period", "observation", ["indicator_id", "org_unit_id", "period"]
    )


def downgrade() -> None:
    op.drop_index("ix_observation_unit_period", table_name="observation")
