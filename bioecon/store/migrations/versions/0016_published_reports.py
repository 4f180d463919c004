"""published reports (发布的报告): a bulletin's record and the values it used (vintages)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bioecon.store.types

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "published_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("plan_code", sa.String(length=80), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("built_by", sa.String(length=64), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_published_report")),
        comment="发布的报告: what a published bulletin said and the data version it used",
    )
    op.create_index("ix_published_report_plan", "published_report", ["plan_code", "kind"])
    op.create_table(
        "published_report_value",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=80), nullable=False),
        sa.Column("org_unit", sa.String(length=40), nullable=False),
        sa.Column("sector", sa.String(length=80), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("basis", sa.String(length=20), nullable=False),
        sa.Column("value", bioecon.store.types.ExactDecimal(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["published_report.id"],
            name=op.f("fk_published_report_value_report_id_published_report"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "report_id",
            "indicator",
            "org_unit",
            "sector",
            "period",
            "basis",
            name=op.f("pk_published_report_value"),
        ),
        comment="the (value key, value, status) rows a published report used",
    )


def downgrade() -> None:
    op.drop_table("published_report_value")
    op.drop_index("ix_published_report_plan", table_name="published_report")
    op.drop_table("published_report")
