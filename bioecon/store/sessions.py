"""Queries for web sessions (登录会话) and the server's signing secrets."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from bioecon.store import tables as t
from bioecon.store.accounts import account_query


def insert_session(connection: Connection, values: Mapping[str, Any]) -> None:
    connection.execute(insert(t.web_session).values(**values))


def session_of(connection: Connection, digest: str) -> Mapping[str, Any] | None:
    """The session whose cookie has ``digest``, with its account (org-unit and
    responsible-unit codes included) under ``account``, or None."""
    s = t.web_session
    found = connection.execute(
        select(s.c.id, s.c.user_id, s.c.last_seen_at).where(s.c.token_hash == digest)
    ).first()
    if found is None:
        return None
    account = (
        connection.execute(account_query().where(t.user_account.c.id == found.user_id))
        .mappings()
        .first()
    )
    if account is None:
        return None
    return {"id": found.id, "last_seen_at": found.last_seen_at, "account": dict(account)}


def touch(connection: Connection, session_id: int, now: datetime) -> None:
    s = t.web_session
    connection.execute(update(s).where(s.c.id == session_id).values(last_seen_at=now))


def end(connection: Connection, digest: str) -> int:
    """Forget the session of ``digest``; how many were forgotten (0 or 1)."""
    s = t.web_session
    return connection.execute(delete(s).where(s.c.token_hash == digest)).rowcount


def end_idle(connection: Connection, before: datetime) -> int:
    """Forget every session last seen before ``before``."""
    s = t.web_session
    return connection.execute(delete(s).where(s.c.last_seen_at < before)).rowcount


def end_of_user(connection: Connection, user_id: int) -> int:
    """Forget every session of one account (disabled, or its password reset)."""
    s = t.web_session
    return connection.execute(delete(s).where(s.c.user_id == user_id)).rowcount


def secret(connection: Connection, name: str) -> str | None:
    k = t.server_secret
    value = connection.execute(select(k.c.value).where(k.c.name == name)).scalar_one_or_none()
    return str(value) if value is not None else None


def insert_secret(connection: Connection, name: str, value: str, now: datetime) -> None:
    connection.execute(insert(t.server_secret).values(name=name, value=value, created_at=now))
