"""registers: the platform and carrier register, the product-approval register, and the year
a key project was selected into the library (project.selected_year)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "platform",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("host_id", sa.Integer(), nullable=True),
        sa.Column("org_unit_id", sa.Integer(), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=False),
        sa.Column("document", sa.String(length=300), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("revoked_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint("status IN ('active', 'revoked')", name=op.f("ck_platform_status")),
        sa.ForeignKeyConstraint(
            ["host_id"],
            ["enterprise.id"],
            name=op.f("fk_platform_host_id_enterprise"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["org_unit_id"],
            ["org_unit.id"],
            name=op.f("fk_platform_org_unit_id_org_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_platform")),
        sa.UniqueConstraint("code", name=op.f("uq_platform_code")),
        comment="创新平台与载体名录: counted from approved_on until revoked_on",
    )
    op.create_table(
        "product_approval",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=120), nullable=False),
        sa.Column("product", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("product_class", sa.String(length=40), nullable=True),
        sa.Column("holder_id", sa.Integer(), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["holder_id"],
            ["enterprise.id"],
            name=op.f("fk_product_approval_holder_id_enterprise"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["org_unit_id"],
            ["org_unit.id"],
            name=op.f("fk_product_approval_org_unit_id_org_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_approval")),
        sa.UniqueConstraint("number", name=op.f("uq_product_approval_number")),
        comment="产品注册与批文名录: counted from approved_on until valid_until",
    )
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.add_column(sa.Column("selected_year", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_column("selected_year")
    op.drop_table("product_approval")
    op.drop_table("platform")
