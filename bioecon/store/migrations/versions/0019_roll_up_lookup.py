"""the ledger's roll-up looks up a parent's report of one period on an index (indicator, org
unit, period) instead of a CTE PostgreSQL cannot estimate; the data version that every recorded
change raises, which keys the cache of derived figures (issue #20)

Revision ID: 0019
Revises: 0017
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bioecon.store.types import BigId

revision = "0019"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    version = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", BigId, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
        comment="数据版本: raised by every recorded change (store/data_version.py), in its transaction",
    )
    op.bulk_insert(version, [{"id": 1, "version": 0}])
    op.create_index(
        "ix_observation_unit_period", "observation", ["indicator_id", "org_unit_id", "period"]
    )


def downgrade() -> None:
    op.drop_index("ix_observation_unit_period", table_name="observation")
    op.drop_table("data_version")
