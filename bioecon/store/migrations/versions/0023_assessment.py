"""考核: the schemes the assessment page shows, and results frozen when published

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bioecon.store.types import UtcDateTime

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessment_scheme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(80), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("loaded_by", sa.String(64), nullable=False),
        sa.Column("loaded_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_scheme")),
        sa.UniqueConstraint("code", name=op.f("uq_assessment_scheme_code")),
        comment="考核方案: a scheme as the plan office's file set it, scored by the assessment page",
    )
    op.create_table(
        "assessment_publication",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scheme_code", sa.String(80), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.String(7), nullable=False),
        sa.Column("data_version", sa.BigInteger(), nullable=False),
        sa.Column("published_by", sa.String(64), nullable=False),
        sa.Column("published_at", UtcDateTime(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_publication")),
        sa.UniqueConstraint(
            "scheme_code",
            "year",
            "version",
            name=op.f("uq_assessment_publication_scheme_code_year_version"),
        ),
        comment="发布的考核结果: a run's results frozen with the data version they used",
    )


def downgrade() -> None:
    op.drop_table("assessment_publication")
    op.drop_table("assessment_scheme")
