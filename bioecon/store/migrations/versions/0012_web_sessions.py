"""web sessions (登录会话) and the server's signing secrets

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_web_session_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_web_session_token_hash")),
        comment="登录会话: only the session cookie's hash is kept",
    )
    op.create_table(
        "server_secret",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_server_secret")),
        comment="signing secrets shared by every worker of one database (the CSRF cookie's)",
    )
    # failed logins per client address (login rate limiting) counted without a scan of the
    # whole trail: a partial index over the login_failed events only
    op.create_index(
        "ix_audit_event_login_failed",
        "audit_event",
        ["origin", "at"],
        postgresql_where=sa.text("action = 'login_failed'"),
        sqlite_where=sa.text("action = 'login_failed'"),
    )


def downgrade() -> None:
    op.drop_index("ix_audit_event_login_failed", table_name="audit_event")
    op.drop_table("server_secret")
    op.drop_table("web_session")
