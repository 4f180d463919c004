"""tasks and notices (issue #15): the task breakdown (work_item, work_item_unit), progress
reports and their evidence (work_report, work_evidence), 督办 notices and their steps (notice,
notice_step), and the bodies a plan names (plan_body, plan_body_member)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bioecon.store.types

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=10), nullable=False),
        sa.Column("subject_code", sa.String(length=80), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=True),
        sa.Column("responsible_unit_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reply_due", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("escalated_from", sa.String(length=40), nullable=True),
        sa.Column("raised_by", sa.String(length=64), nullable=False),
        sa.Column("raised_at", bioecon.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_unit_id"],
            ["org_unit.id"],
            name=op.f("fk_notice_org_unit_id_org_unit"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["responsible_unit_id"],
            ["responsible_unit.id"],
            name=op.f("fk_notice_responsible_unit_id_responsible_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice")),
        sa.UniqueConstraint("code", name=op.f("uq_notice_code")),
        comment="督办: a notice to a responsible unit about a lagging task or project",
    )
    with op.batch_alter_table("notice", schema=None) as batch_op:
        batch_op.create_index("ix_notice_unit", ["responsible_unit_id", "state"], unique=False)

    op.create_table(
        "plan_body",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("quote_start", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["plan_body.id"],
            name=op.f("fk_plan_body_parent_id_plan_body"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_plan_body_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_body")),
        sa.UniqueConstraint("code", name=op.f("uq_plan_body_code")),
        comment="议事协调机构: 领导小组, its 办公室, 专题协调组, 工作专班, 专家委员会 a plan names",
    )
    op.create_table(
        "notice_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("at", bioecon.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["notice_id"],
            ["notice.id"],
            name=op.f("fk_notice_step_notice_id_notice"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_step")),
        comment="督办流程: each step of a notice, who and when",
    )
    with op.batch_alter_table("notice_step", schema=None) as batch_op:
        batch_op.create_index("ix_notice_step_notice", ["notice_id"], unique=False)

    op.create_table(
        "plan_body_member",
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("responsible_unit_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["body_id"],
            ["plan_body.id"],
            name=op.f("fk_plan_body_member_body_id_plan_body"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["responsible_unit_id"],
            ["responsible_unit.id"],
            name=op.f("fk_plan_body_member_responsible_unit_id_responsible_unit"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("body_id", "position", name=op.f("pk_plan_body_member")),
        comment="机构成员: 组长、副组长、成员 and 成员单位 of a body",
    )
    op.create_table(
        "work_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("leader", sa.String(length=100), nullable=True),
        sa.Column("deadline", sa.String(length=7), nullable=True),
        sa.Column("deliverable", sa.String(length=300), nullable=True),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("projects", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["work_item.id"],
            name=op.f("fk_work_item_parent_id_work_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_work_item_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["task.id"], name=op.f("fk_work_item_task_id_task"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_item")),
        sa.UniqueConstraint("code", name=op.f("uq_work_item_code")),
        comment="任务分解: annual work points of a plan's tasks and each unit's sub-tasks",
    )
    with op.batch_alter_table("work_item", schema=None) as batch_op:
        batch_op.create_index("ix_work_item_plan", ["plan_id"], unique=False)

    op.create_table(
        "work_item_unit",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("responsible_unit_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["work_item.id"],
            name=op.f("fk_work_item_unit_item_id_work_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["responsible_unit_id"],
            ["responsible_unit.id"],
            name=op.f("fk_work_item_unit_responsible_unit_id_responsible_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("item_id", "responsible_unit_id", name=op.f("pk_work_item_unit")),
    )
    op.create_table(
        "work_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column(
            "percent", bioecon.store.types.ExactDecimal(precision=24, scale=6), nullable=True
        ),
        sa.Column("milestone", sa.String(length=300), nullable=True),
        sa.Column("reported_by", sa.String(length=64), nullable=False),
        sa.Column("reported_at", bioecon.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["work_item.id"],
            name=op.f("fk_work_report_item_id_work_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_report")),
        sa.UniqueConstraint("item_id", "period", name=op.f("uq_work_report_item_id_period")),
        comment="任务进展填报: a department's report of one period",
    )
    op.create_table(
        "work_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=64), nullable=False),
        sa.Column("uploaded_at", bioecon.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["work_report.id"],
            name=op.f("fk_work_evidence_report_id_work_report"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_evidence")),
        comment="佐证材料: an attachment of a progress report, kept in the database",
    )
    with op.batch_alter_table("work_evidence", schema=None) as batch_op:
        batch_op.create_index("ix_work_evidence_report", ["report_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("work_evidence", schema=None) as batch_op:
        batch_op.drop_index("ix_work_evidence_report")

    op.drop_table("work_evidence")
    op.drop_table("work_report")
    op.drop_table("work_item_unit")
    with op.batch_alter_table("work_item", schema=None) as batch_op:
        batch_op.drop_index("ix_work_item_plan")

    op.drop_table("work_item")
    op.drop_table("plan_body_member")
    with op.batch_alter_table("notice_step", schema=None) as batch_op:
        batch_op.drop_index("ix_notice_step_notice")

    op.drop_table("notice_step")
    op.drop_table("plan_body")
    with op.batch_alter_table("notice", schema=None) as batch_op:
        batch_op.drop_index("ix_notice_unit")

    op.drop_table("notice")
