"""policies: the clause register (政策条款库) with its linked plan targets, applications
through review, 公示 and payout (政策兑现申请), and guidance funds with their investments

Revision ID: 0021
Revises: 0019
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bioecon.store.types import ExactDecimal

revision = "0021"
down_revision = "0019"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, referred: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{referred}.id"],
        name=op.f(f"fk_{table}_{column}_{referred}"),
        ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "policy_clause",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("issuer", sa.String(length=200), nullable=False),
        sa.Column("document", sa.String(length=300), nullable=False),
        sa.Column("article", sa.String(length=100), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("org_unit_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("eligibility", sa.JSON(), nullable=False),
        sa.Column("formula", sa.JSON(), nullable=False),
        sa.Column("year_cap", ExactDecimal(), nullable=True),
        sa.Column("exclusive_group", sa.String(length=80), nullable=True),
        _fk("policy_clause", "org_unit_id", "org_unit", "RESTRICT"),
        _fk("policy_clause", "plan_id", "plan", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_clause")),
        sa.UniqueConstraint("code", name=op.f("uq_policy_clause_code")),
        comment="政策条款: conditions and award formula as data, never evaluated text",
    )
    op.create_table(
        "policy_clause_target",
        sa.Column("clause_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.CheckConstraint("role IN ('rule', 'serves')", name=op.f("ck_policy_clause_target_role")),
        _fk("policy_clause_target", "clause_id", "policy_clause", "CASCADE"),
        _fk("policy_clause_target", "target_id", "target", "CASCADE"),
        sa.PrimaryKeyConstraint(
            "clause_id", "target_id", "role", name=op.f("pk_policy_clause_target")
        ),
        comment="the plan targets a clause carries out (policy_rule) and serves",
    )
    op.create_table(
        "policy_application",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clause_id", sa.Integer(), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("computed", ExactDecimal(), nullable=True),
        sa.Column("award", ExactDecimal(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("platform_id", sa.Integer(), nullable=True),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("voucher", sa.String(length=100), nullable=True),
        sa.CheckConstraint(
            "status IN ('submitted', 'approved', 'rejected', 'publicized', 'paid')",
            name=op.f("ck_policy_application_status"),
        ),
        _fk("policy_application", "clause_id", "policy_clause", "RESTRICT"),
        _fk("policy_application", "enterprise_id", "enterprise", "RESTRICT"),
        _fk("policy_application", "project_id", "project", "SET NULL"),
        _fk("policy_application", "platform_id", "platform", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_application")),
        sa.UniqueConstraint(
            "clause_id",
            "enterprise_id",
            "year",
            name=op.f("uq_policy_application_clause_id_enterprise_id_year"),
        ),
        comment="政策兑现申请: 申报 → 审核 → 公示 → 兑付, each step an audit event",
    )
    op.create_index(
        "ix_policy_application_enterprise", "policy_application", ["enterprise_id"], unique=False
    )
    _funds()


def _funds() -> None:
    op.create_table(
        "policy_fund",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("manager", sa.String(length=300), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=False),
        sa.Column("established_on", sa.Date(), nullable=False),
        sa.Column("size", ExactDecimal(), nullable=False),
        sa.Column("committed", ExactDecimal(), nullable=False),
        sa.Column("paid_in", ExactDecimal(), nullable=False),
        sa.Column("reinvest_required", ExactDecimal(), nullable=True),
        _fk("policy_fund", "org_unit_id", "org_unit", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_fund")),
        sa.UniqueConstraint("code", name=op.f("uq_policy_fund_code")),
        comment="引导基金: size, committed and paid-in capital, 返投 requirement",
    )
    op.create_table(
        "policy_fund_investment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fund_id", sa.Integer(), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("invested_on", sa.Date(), nullable=False),
        sa.Column("amount", ExactDecimal(), nullable=False),
        sa.Column("exited_on", sa.Date(), nullable=True),
        sa.Column("exit_amount", ExactDecimal(), nullable=True),
        sa.Column("local", sa.Boolean(), nullable=False),
        _fk("policy_fund_investment", "fund_id", "policy_fund", "CASCADE"),
        _fk("policy_fund_investment", "enterprise_id", "enterprise", "RESTRICT"),
        _fk("policy_fund_investment", "project_id", "project", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_fund_investment")),
        sa.UniqueConstraint(
            "fund_id",
            "enterprise_id",
            "invested_on",
            name=op.f("uq_policy_fund_investment_fund_id_enterprise_id_invested_on"),
        ),
        comment="引导基金投资: by enterprise (and project), with its exit",
    )


def downgrade() -> None:
    op.drop_index("ix_policy_application_enterprise", table_name="policy_application")
    for name in (
        "policy_fund_investment",
        "policy_fund",
        "policy_application",
        "policy_clause_target",
        "policy_clause",
    ):
        op.drop_table(name)
