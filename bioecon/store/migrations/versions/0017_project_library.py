"""project library: the project ledger's record (planned and actual), annual plans, monthly
progress (月度调度) and the stage history of key projects

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from bioecon.store.types import ExactDecimal, UtcDateTime

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_TEXT_COLUMNS = (
    ("planned_stage", 20),
    ("annual_class", 20),
    ("owner", 300),
    ("responsible_unit", 200),
    ("lead_unit", 200),
    ("leader", 100),
    ("task_force", 200),
    ("industry", 80),
    ("location", 300),
)
_DATE_COLUMNS = (
    "planned_start",
    "actual_start",
    "planned_production",
    "actual_production",
    "in_statistics",
)
_DOCUMENT_COLUMNS = (
    ("approval_document", 300),
    ("environment_document", 300),
    ("land_document", 300),
    ("lists", 200),
    ("origin", 100),
)


def upgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        for name, length in _TEXT_COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=True))
        batch_op.add_column(sa.Column("actual_total_investment", ExactDecimal(), nullable=True))
        for name in _DATE_COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Date(), nullable=True))
        for name, length in _DOCUMENT_COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=True))
    _project_child(
        "project_year_plan",
        [
            sa.Column("year", sa.Integer(), nullable=False),
            sa.Column("planned", ExactDecimal(), nullable=False),
        ],
        ["project_id", "year"],
        "年度计划投资 of a key project, 万元",
    )
    _project_child(
        "project_progress",
        [
            sa.Column("period", sa.String(length=7), nullable=False),
            sa.Column("completed", ExactDecimal(), nullable=False),
            sa.Column("image_progress", sa.Text(), nullable=True),
            sa.Column("problems", sa.Text(), nullable=True),
            sa.Column("coordination", sa.Text(), nullable=True),
            sa.Column("recorded_by", sa.String(length=64), nullable=False),
            sa.Column("recorded_at", UtcDateTime(), nullable=False),
        ],
        ["project_id", "period"],
        "项目月度调度: year-to-date completed investment of a month, 万元",
    )
    _project_child(
        "project_stage_event",
        [
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("stage", sa.String(length=20), nullable=False),
            sa.Column("reached_on", sa.Date(), nullable=False),
            sa.Column("evidence", sa.String(length=300), nullable=True),
            sa.Column("recorded_by", sa.String(length=64), nullable=False),
            sa.Column("recorded_at", UtcDateTime(), nullable=False),
        ],
        ["id"],
        "项目阶段变更: every stage a project reached, when, on what evidence, by whom",
    )
    op.create_index(
        "ix_project_stage_event_project", "project_stage_event", ["project_id"], unique=False
    )


def _project_child(name: str, columns: list[sa.Column[Any]], key: list[str], comment: str) -> None:
    op.create_table(
        name,
        sa.Column("project_id", sa.Integer(), nullable=False),
        *columns,
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f(f"fk_{name}_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(*key, name=op.f(f"pk_{name}")),
        comment=comment,
    )


def downgrade() -> None:
    op.drop_index("ix_project_stage_event_project", table_name="project_stage_event")
    for name in ("project_stage_event", "project_progress", "project_year_plan"):
        op.drop_table(name)
    with op.batch_alter_table("project", schema=None) as batch_op:
        names = [n for n, _ in _TEXT_COLUMNS] + ["actual_total_investment", *_DATE_COLUMNS]
        for name in names + [n for n, _ in _DOCUMENT_COLUMNS]:
            batch_op.drop_column(name)
