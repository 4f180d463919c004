"""Queries for user accounts and personal API tokens."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, insert, select, update

from bioecon.store import tables as t
from bioecon.store.orgunits import in_subtree


def account_query() -> Select[tuple[object, ...]]:
    u, o, r = t.user_account, t.org_unit, t.responsible_unit
    return (
        select(u, o.c.code.label("org_unit"), r.c.code.label("responsible_unit"))
        .outerjoin(o, o.c.id == u.c.org_unit_id)
        .outerjoin(r, r.c.id == u.c.responsible_unit_id)
        .order_by(u.c.login)
    )


def by_login(connection: Connection, login: str) -> Mapping[str, Any] | None:
    """The account ``login`` with its org-unit and responsible-unit codes, or None."""
    row = (
        connection.execute(account_query().where(t.user_account.c.login == login))
        .mappings()
        .first()
    )
    return dict(row) if row is not None else None


def listed(connection: Connection, org_unit: str | None) -> list[Mapping[str, Any]]:
    """Every account (whose org unit lies in ``org_unit``'s subtree), by login."""
    query = account_query()
    if org_unit is not None:
        query = query.where(in_subtree(t.user_account, org_unit))
    return [dict(row) for row in connection.execute(query).mappings()]


def insert_account(connection: Connection, values: Mapping[str, Any]) -> int:
    result = connection.execute(insert(t.user_account).values(**values))
    (key,) = result.inserted_primary_key or (None,)
    assert isinstance(key, int)
    return key


def update_account(connection: Connection, login: str, values: Mapping[str, Any]) -> None:
    u = t.user_account
    connection.execute(update(u).where(u.c.login == login).values(**values))


def insert_token(connection: Connection, values: Mapping[str, Any]) -> None:
    connection.execute(insert(t.api_token).values(**values))


def account_of_token(
    connection: Connection, digest: str, now: datetime
) -> Mapping[str, Any] | None:
    """The active account a live token (not revoked, not expired) belongs to, or None; the
    token's last use is recorded."""
    k = t.api_token
    token = connection.execute(
        select(k.c.id, k.c.user_id).where(
            k.c.token_hash == digest, k.c.revoked_at.is_(None), k.c.expires_at > now
        )
    ).first()
    if token is None:
        return None
    connection.execute(update(k).where(k.c.id == token.id).values(last_used_at=now))
    row = (
        connection.execute(account_query().where(t.user_account.c.id == token.user_id))
        .mappings()
        .first()
    )
    return dict(row) if row is not None and row["active"] else None
