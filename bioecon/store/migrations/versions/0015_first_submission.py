"""first submission of each value (首次报送时间); partial indexes for the review queue and
the return notes

Revision ID: 0015
Revises: 0012
Create Date: 2026-12-02

Values already submitted or approved take their latest report time as their first
submission: the time of an earlier report was not kept before this revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0012"
branch_labels = None
depends_on = None

_PENDING = sa.text("status = 'submitted'")
_RETURNED = sa.text("action IN ('reject', 'reopen')")


def upgrade() -> None:
    with op.batch_alter_table("observation") as batch:
        batch.add_column(sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE observation SET submitted_at = reported_at"
        " WHERE status IN ('submitted', 'approved')"
    )
    op.create_index(
        "ix_observation_pending",
        "observation",
        ["org_unit_id", "reported_at"],
        postgresql_where=_PENDING,
        sqlite_where=_PENDING,
    )
    op.create_index(
        "ix_audit_event_returned",
        "audit_event",
        ["entity", "record_key"],
        postgresql_where=_RETURNED,
        sqlite_where=_RETURNED,
    )


def downgrade() -> None:
    op.drop_index("ix_audit_event_returned", table_name="audit_event")
    op.drop_index("ix_observation_pending", table_name="observation")
    with op.batch_alter_table("observation") as batch:
        batch.drop_column("submitted_at")
