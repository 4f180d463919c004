"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bioecon.store.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=True),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("nature", sa.String(length=10), nullable=False),
        sa.Column("basis", sa.String(length=20), nullable=False),
        sa.Column("period_type", sa.String(length=10), nullable=False),
        sa.Column("aggregation", sa.String(length=10), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator")),
        sa.UniqueConstraint("code", name=op.f("uq_indicator_code")),
        comment="指标",
    )
    op.create_table(
        "org_unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=True),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("division_code", sa.String(length=12), nullable=True),
        sa.Column("additive", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["org_unit.id"],
            name=op.f("fk_org_unit_parent_id_org_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_unit")),
        sa.UniqueConstraint("code", name=op.f("uq_org_unit_code")),
        comment="区域/园区 hierarchy; additive=false units (parks) are not summed into parents",
    )
    op.create_table(
        "enterprise",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uscc", sa.String(length=18), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=True),
        sa.Column("industry_code", sa.String(length=10), nullable=True),
        sa.Column("industry_code_edition", sa.String(length=20), nullable=False),
        sa.Column("business_scope", sa.Text(), nullable=True),
        sa.Column("founded_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["org_unit_id"], ["org_unit.id"], name=op.f("fk_enterprise_org_unit_id_org_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enterprise")),
        sa.UniqueConstraint("uscc", name=op.f("uq_enterprise_uscc")),
        comment="企业, by 统一社会信用代码",
    )
    op.create_table(
        "observation",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=False),
        sa.Column("sector", sa.String(length=80), server_default="", nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("period_type", sa.String(length=10), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("period_index", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=20), nullable=False),
        sa.Column("value", bioecon.store.types.ExactDecimal(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=True),
        sa.Column("reported_by", sa.String(length=120), nullable=True),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "period_type IN ('month', 'quarter', 'year')", name=op.f("ck_observation_period_type")
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"], ["indicator.id"], name=op.f("fk_observation_indicator_id_indicator")
        ),
        sa.ForeignKeyConstraint(
            ["org_unit_id"], ["org_unit.id"], name=op.f("fk_observation_org_unit_id_org_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observation")),
        sa.UniqueConstraint(
            "indicator_id",
            "org_unit_id",
            "sector",
            "period",
            "basis",
            name=op.f("uq_observation_indicator_id_org_unit_id_sector_period_basis"),
        ),
        comment="监测台账: one reported value",
    )
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.create_index(
            "ix_observation_indicator_period", ["indicator_id", "year"], unique=False
        )

    op.create_table(
        "plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("issuer", sa.String(length=200), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("horizon_start", sa.Integer(), nullable=True),
        sa.Column("horizon_end", sa.Integer(), nullable=True),
        sa.Column("source_path", sa.String(length=500), nullable=True),
        sa.Column("source_text", sa.Text(), nullable=True),
        sa.Column("source_sha256", sa.String(length=64), nullable=True),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["org_unit.id"],
            name=op.f("fk_plan_region_id_org_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan")),
        sa.UniqueConstraint("code", name=op.f("uq_plan_code")),
        comment="规划/行动计划",
    )
    op.create_table(
        "responsible_unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["org_unit_id"],
            ["org_unit.id"],
            name=op.f("fk_responsible_unit_org_unit_id_org_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_responsible_unit")),
        sa.UniqueConstraint("code", name=op.f("uq_responsible_unit_code")),
        comment="责任单位",
    )
    op.create_table(
        "enterprise_flag",
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("flag", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["enterprise.id"],
            name=op.f("fk_enterprise_flag_enterprise_id_enterprise"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("enterprise_id", "flag", name=op.f("pk_enterprise_flag")),
    )
    op.create_table(
        "enterprise_year",
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("revenue", bioecon.store.types.ExactDecimal(), nullable=True),
        sa.Column("output_value", bioecon.store.types.ExactDecimal(), nullable=True),
        sa.Column("rd_spend", bioecon.store.types.ExactDecimal(), nullable=True),
        sa.Column("employees", sa.Integer(), nullable=True),
        sa.Column("valuation", bioecon.store.types.ExactDecimal(), nullable=True),
        sa.Column("valuation_unit", sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["enterprise.id"],
            name=op.f("fk_enterprise_year_enterprise_id_enterprise"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("enterprise_id", "year", name=op.f("pk_enterprise_year")),
        comment="企业年度数据; money in 万元",
    )
    op.create_table(
        "plan_indicator",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_plan_indicator_indicator_id_indicator"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plan.id"],
            name=op.f("fk_plan_indicator_plan_id_plan"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("plan_id", "indicator_id", name=op.f("pk_plan_indicator")),
    )
    op.create_table(
        "plan_org_unit",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_unit_id"], ["org_unit.id"], name=op.f("fk_plan_org_unit_org_unit_id_org_unit")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_plan_org_unit_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("plan_id", "org_unit_id", name=op.f("pk_plan_org_unit")),
    )
    op.create_table(
        "plan_responsible_unit",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("responsible_unit_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plan.id"],
            name=op.f("fk_plan_responsible_unit_plan_id_plan"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["responsible_unit_id"],
            ["responsible_unit.id"],
            name=op.f("fk_plan_responsible_unit_responsible_unit_id_responsible_unit"),
        ),
        sa.PrimaryKeyConstraint(
            "plan_id", "responsible_unit_id", name=op.f("pk_plan_responsible_unit")
        ),
    )
    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=True),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("enterprise_id", sa.Integer(), nullable=True),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("total_investment", bioecon.store.types.ExactDecimal(), nullable=True),
        sa.Column("start_year", sa.Integer(), nullable=True),
        sa.Column("end_year", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["enterprise.id"],
            name=op.f("fk_project_enterprise_id_enterprise"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["org_unit_id"], ["org_unit.id"], name=op.f("fk_project_org_unit_id_org_unit")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_project_plan_id_plan"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project")),
        sa.UniqueConstraint("code", name=op.f("uq_project_code")),
        comment="重点项目 (五个一批)",
    )
    op.create_table(
        "responsible_unit_alias",
        sa.Column("responsible_unit_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["responsible_unit_id"],
            ["responsible_unit.id"],
            name=op.f("fk_responsible_unit_alias_responsible_unit_id_responsible_unit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "responsible_unit_id", "alias", name=op.f("pk_responsible_unit_alias")
        ),
    )
    op.create_table(
        "target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("op", sa.String(length=10), nullable=False),
        sa.Column("value", bioecon.store.types.ExactDecimal(), nullable=False),
        sa.Column("value_high", bioecon.store.types.ExactDecimal(), nullable=True),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=300), nullable=True),
        sa.Column("subject_org_unit_id", sa.Integer(), nullable=True),
        sa.Column("subject_sector", sa.String(length=80), nullable=True),
        sa.Column("qualifier", sa.String(length=300), nullable=True),
        sa.Column("baseline_value", bioecon.store.types.ExactDecimal(), nullable=True),
        sa.Column("baseline_year", sa.Integer(), nullable=True),
        sa.Column("deadline_year", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("quote_start", sa.Integer(), nullable=True),
        sa.Column("quote_end", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_target_indicator_id_indicator"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_target_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["subject_org_unit_id"],
            ["org_unit.id"],
            name=op.f("fk_target_subject_org_unit_id_org_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target")),
        sa.UniqueConstraint("plan_id", "key", name=op.f("uq_target_plan_id_key")),
        comment="目标, each traced to its sentence by quote/quote_start/quote_end",
    )
    op.create_table(
        "task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=300), nullable=True),
        sa.Column("heading", sa.String(length=500), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_task_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task")),
        sa.UniqueConstraint("plan_id", "key", name=op.f("uq_task_plan_id_key")),
        comment="重点任务",
    )
    op.create_table(
        "task_unit",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("responsible_unit_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["responsible_unit_id"],
            ["responsible_unit.id"],
            name=op.f("fk_task_unit_responsible_unit_id_responsible_unit"),
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["task.id"], name=op.f("fk_task_unit_task_id_task"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("task_id", "responsible_unit_id", name=op.f("pk_task_unit")),
    )


def downgrade() -> None:

    op.drop_table("task_unit")
    op.drop_table("task")
    op.drop_table("target")
    op.drop_table("responsible_unit_alias")
    op.drop_table("project")
    op.drop_table("plan_responsible_unit")
    op.drop_table("plan_org_unit")
    op.drop_table("plan_indicator")
    op.drop_table("enterprise_year")
    op.drop_table("enterprise_flag")
    op.drop_table("responsible_unit")
    op.drop_table("plan")
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.drop_index("ix_observation_indicator_period")

    op.drop_table("observation")
    op.drop_table("enterprise")
    op.drop_table("org_unit")
    op.drop_table("indicator")
