"""Web sessions (登录会话): a password login gives a random cookie; the server keeps only its
hash, ends it on logout, after ``session.idle_minutes`` without a request
(``security.yaml``: 登录连接超时自动退出), and when the account is disabled or its password
reset. Logins, logouts and failed logins are recorded in the audit trail; an origin with
too many failed logins in a window is refused for a while (login rate limiting), on top of
the per-account lockout of :func:`bioecon.services.accounts.authenticate`.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bioecon.app import Bioecon
from bioecon.catalogs import security_policy
from bioecon.domain.access import Principal, Role, Scope
from bioecon.domain.audit import AuditAction, AuditEntity, AuditEvent
from bioecon.errors import NotAuthenticated
from bioecon.services import _credentials as credentials
from bioecon.services import accounts
from bioecon.store import accounts as account_store
from bioecon.store import audit
from bioecon.store import sessions as store
from bioecon.store.migrate import ensure_current

SESSION_EXPIRED = "登录已超时或已退出，请重新登录"
TOO_MANY_FAILURES = "该地址登录失败次数过多，请{minutes}分钟后再试"
TOUCH_EVERY = timedelta(seconds=60)  # last_seen_at is written at most this often per session


@dataclass(frozen=True, slots=True)
class Session:
    """A started session: the cookie value (given to the browser once) and who it is."""

    cookie: str
    principal: Principal


def _idle() -> timedelta:
    return timedelta(minutes=int(security_policy()["session"]["idle_minutes"]))


def log_in(
    app: Bioecon, *, login: str, password: str, origin: str, now: datetime | None = None
) -> Session:
    """Check the password and start a session; a refusal never says which part was wrong."""
    now = now or datetime.now(UTC)
    _refuse_flooding_origin(app, origin, now)
    try:
        principal = accounts.authenticate(app, login=login, password=password, now=now)
    except NotAuthenticated:
        with app.transaction() as connection:
            event = AuditEvent(
                now, login[:64] or "-", origin, AuditEntity.SESSION, login[:300] or "-",
                AuditAction.LOGIN_FAILED,
            )  # fmt: skip
            audit.append(connection, [event])
        raise
    cookie = credentials.new_session_cookie()
    with app.transaction() as connection:
        ensure_current(connection)
        account = account_store.by_login(connection, principal.login)
        if account is None:  # removed between the two transactions
            raise NotAuthenticated(accounts.LOGIN_FAILED)
        store.end_idle(connection, now - _idle())
        store.insert_session(
            connection,
            {
                "token_hash": credentials.token_digest(cookie),
                "user_id": account["id"],
                "origin": origin[:120],
                "created_at": now,
                "last_seen_at": now,
            },
        )
        event = AuditEvent(
            now, principal.login, origin, AuditEntity.SESSION, principal.login, AuditAction.LOG_IN
        )
        audit.append(connection, [event])
    return Session(cookie, principal)


def _refuse_flooding_origin(app: Bioecon, origin: str, now: datetime) -> None:
    rules = security_policy()["login_failures"]
    window = timedelta(minutes=int(rules["lock_minutes"]))
    with app.reading() as connection:
        ensure_current(connection)
        failures = audit.count_since(
            connection, AuditEntity.SESSION, AuditAction.LOGIN_FAILED, origin, now - window
        )
    if failures >= int(rules["per_origin_limit"]):
        raise NotAuthenticated(TOO_MANY_FAILURES.format(minutes=rules["lock_minutes"]))


def principal_of_session(app: Bioecon, *, cookie: str, now: datetime | None = None) -> Principal:
    """Who a live session belongs to (its account as it is now: a changed role or scope
    applies at once); an idle, ended or unknown session is refused."""
    now = now or datetime.now(UTC)
    digest = credentials.token_digest(cookie)
    with app.transaction() as connection:
        ensure_current(connection)
        found = store.session_of(connection, digest)
        live = found is not None and _live(found, now)
        if found is not None and not live:
            store.end(connection, digest)  # committed: raising here would roll it back
        elif found is not None and now - found["last_seen_at"] >= TOUCH_EVERY:
            store.touch(connection, found["id"], now)
    if found is None or not live:
        raise NotAuthenticated(SESSION_EXPIRED)
    account = found["account"]
    scope = Scope(account["org_unit"], account["responsible_unit"])
    return Principal(account["login"], Role(account["role"]), scope)


def _live(found: Mapping[str, Any], now: datetime) -> bool:
    """An active account, seen within the idle time."""
    return bool(found["account"]["active"]) and found["last_seen_at"] > now - _idle()


def log_out(app: Bioecon, *, cookie: str, origin: str, now: datetime | None = None) -> None:
    """End the session of ``cookie`` (nothing happens for an unknown one)."""
    now = now or datetime.now(UTC)
    digest = credentials.token_digest(cookie)
    with app.transaction() as connection:
        ensure_current(connection)
        found = store.session_of(connection, digest)
        if found is None:
            return
        store.end(connection, digest)
        login = found["account"]["login"]
        event = AuditEvent(now, login, origin, AuditEntity.SESSION, login, AuditAction.LOG_OUT)
        audit.append(connection, [event])


def signing_secret(app: Bioecon, *, name: str) -> str:
    """The server's secret ``name`` (made on first use and kept in the database, so every
    worker of one deployment, and a restart, share it)."""
    with app.transaction() as connection:
        ensure_current(connection)
        value = store.secret(connection, name)
        if value is None:
            value = secrets.token_urlsafe(48)
            store.insert_secret(connection, name, value, datetime.now(UTC))
        return value
