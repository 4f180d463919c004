"""flag validity: 资质标识 held from valid_from to valid_to, and the day the registry recorded it

Flags stored before this revision get today's date as their load date: the registry cannot
know when they were granted, so a count at an earlier date leaves them out (docs/enterprises.md).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("enterprise_flag", schema=None) as batch_op:
        batch_op.add_column(sa.Column("valid_from", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("valid_to", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("loaded_on", sa.Date(), nullable=True))
    op.execute("UPDATE enterprise_flag SET loaded_on = CURRENT_DATE")
    with op.batch_alter_table("enterprise_flag", schema=None) as batch_op:
        batch_op.alter_column("loaded_on", existing_type=sa.Date(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("enterprise_flag", schema=None) as batch_op:
        batch_op.drop_column("loaded_on")
        batch_op.drop_column("valid_to")
        batch_op.drop_column("valid_from")
