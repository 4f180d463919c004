"""data sets (填报任务): indicators × period type × assigned org units, with a due rule

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "data_set",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("period_type", sa.String(length=10), nullable=False),
        sa.Column("first_period", sa.String(length=7), nullable=False),
        sa.Column("jan_feb_combined", sa.Boolean(), nullable=False),
        sa.Column("due_day", sa.Integer(), nullable=False),
        sa.Column("due_months_after", sa.Integer(), nullable=False),
        sa.Column("lock_after_days", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "period_type IN ('month', 'quarter', 'year')", name=op.f("ck_data_set_period_type")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_set")),
        sa.UniqueConstraint("code", name=op.f("uq_data_set_code")),
        comment="填报任务: indicators × period type × assigned org units, with a due rule",
    )
    op.create_table(
        "data_set_indicator",
        sa.Column("data_set_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _fk("data_set_indicator", "data_set_id", "data_set", "CASCADE"),
        _fk("data_set_indicator", "indicator_id", "indicator", "RESTRICT"),
        sa.PrimaryKeyConstraint("data_set_id", "indicator_id", name=op.f("pk_data_set_indicator")),
    )
    op.create_table(
        "data_set_org_unit",
        sa.Column("data_set_id", sa.Integer(), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=False),
        _fk("data_set_org_unit", "data_set_id", "data_set", "CASCADE"),
        _fk("data_set_org_unit", "org_unit_id", "org_unit", "RESTRICT"),
        sa.PrimaryKeyConstraint("data_set_id", "org_unit_id", name=op.f("pk_data_set_org_unit")),
    )


def downgrade() -> None:
    op.drop_table("data_set_org_unit")
    op.drop_table("data_set_indicator")
    op.drop_table("data_set")
