"""enterprise classification: bio-economy category, basis, matched evidence, table used

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("enterprise", schema=None) as batch_op:
        batch_op.add_column(sa.Column("bio_category", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("bio_basis", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("bio_matched", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("bio_table", sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("enterprise", schema=None) as batch_op:
        batch_op.drop_column("bio_table")
        batch_op.drop_column("bio_matched")
        batch_op.drop_column("bio_basis")
        batch_op.drop_column("bio_category")
