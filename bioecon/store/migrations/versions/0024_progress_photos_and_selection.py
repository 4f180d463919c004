"""key projects (issue #14): the photos of a project's monthly progress kept with the task
evidence (work_evidence gains a second parent: a project_progress row), and each year's
selection (每年遴选) with its candidates' scores (project_selection)

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bioecon.store.types import ExactDecimal, UtcDateTime

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

_ONE_PARENT = (
    "(report_id IS NOT NULL AND project_id IS NULL AND period IS NULL)"
    " OR (report_id IS NULL AND project_id IS NOT NULL AND period IS NOT NULL)"
)
_EVIDENCE = "佐证材料: an attachment of a task's progress report or a project's monthly progress"


def upgrade() -> None:
    with op.batch_alter_table("work_evidence", schema=None) as batch_op:
        batch_op.alter_column("report_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("project_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("period", sa.String(length=7), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_work_evidence_project_id_project_progress"),
            "project_progress",
            ["project_id", "period"],
            ["project_id", "period"],
            ondelete="CASCADE",
        )
        batch_op.create_check_constraint(op.f("ck_work_evidence_one_parent"), _ONE_PARENT)
        batch_op.create_index("ix_work_evidence_progress", ["project_id", "period"], unique=False)
        batch_op.create_table_comment(_EVIDENCE)
    op.create_table(
        "project_selection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("score", ExactDecimal(), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=True),
        sa.Column("selected", sa.Boolean(), nullable=False),
        sa.Column("scorer", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_project_selection_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_selection")),
        sa.UniqueConstraint(
            "project_id", "year", name=op.f("uq_project_selection_project_id_year")
        ),
        comment="每年遴选: a candidate key project's score in a year's selection, and whether chosen",
    )
    op.create_index("ix_project_selection_year", "project_selection", ["year"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_project_selection_year", table_name="project_selection")
    op.drop_table("project_selection")
    op.execute("DELETE FROM work_evidence WHERE report_id IS NULL")
    with op.batch_alter_table("work_evidence", schema=None) as batch_op:
        batch_op.create_table_comment(
            "佐证材料: an attachment of a progress report, kept in the database"
        )
        batch_op.drop_index("ix_work_evidence_progress")
        batch_op.drop_constraint(op.f("ck_work_evidence_one_parent"), type_="check")
        batch_op.drop_constraint(
            op.f("fk_work_evidence_project_id_project_progress"), type_="foreignkey"
        )
        batch_op.drop_column("period")
        batch_op.drop_column("project_id")
        batch_op.alter_column("report_id", existing_type=sa.Integer(), nullable=False)
