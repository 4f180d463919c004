"""Account use cases: add, list, disable, reset a password; log in; personal API tokens.

Every function takes the caller (a :class:`Principal`; the CLI passes :data:`LOCAL_ADMIN`)
and checks it with the one access rule (:func:`bioecon.domain.access.allowed`); every change
is written with its audit event in the same transaction. Passwords are argon2id hashes; a
login fails the same way for an unknown login, a wrong password, a disabled or a locked
account, so a caller cannot tell which logins exist.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from bioecon.app import Bioecon
from bioecon.catalogs import role_book, security_policy
from bioecon.domain.access import Action, Principal, Role, Scope, allowed
from bioecon.domain.audit import AuditAction, AuditEntity, AuditEvent
from bioecon.errors import Conflict, Forbidden, InvalidValue, NotAuthenticated, NotFound
from bioecon.services import _credentials as credentials
from bioecon.store import Connection, audit, orgunits, responsible_units, sessions
from bioecon.store import accounts as store
from bioecon.store.migrate import ensure_current

EVERYTHING = Scope()
LOCAL_ADMIN = Principal("local-admin", Role.ADMIN, EVERYTHING)
"""Who the command line acts as: whoever can run it can open the database file anyway."""

LOGIN_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
LOGIN_FAILED = "登录名或密码错误，或账号已停用、已锁定"


@dataclass(frozen=True, slots=True)
class Account:
    """A user as listed (never with its password hash)."""

    login: str
    role: Role
    org_unit: str | None
    responsible_unit: str | None
    active: bool
    locked_until: datetime | None
    created_at: datetime

    @property
    def scope(self) -> Scope:
        return Scope(self.org_unit, self.responsible_unit)


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes; everything stored is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _account(row: Mapping[str, Any]) -> Account:
    return Account(
        login=row["login"],
        role=Role(row["role"]),
        org_unit=row["org_unit"],
        responsible_unit=row["responsible_unit"],
        active=bool(row["active"]),
        locked_until=_utc(row["locked_until"]),
        created_at=_utc(row["created_at"]) or datetime.now(UTC),
    )


def _audit_view(account: Account) -> dict[str, Any]:
    return {
        "role": account.role.value,
        "org_unit": account.org_unit,
        "responsible_unit": account.responsible_unit,
        "active": account.active,
    }


def _require_manager(connection: Connection, actor: Principal, scope: Scope, role: Role) -> None:
    """The caller may manage users, over the target's scope, and not above its own role."""
    chain: tuple[str, ...] | None = None
    if scope.org_unit is not None:
        chain = orgunits.chains(connection, [scope.org_unit]).get(scope.org_unit)
        if chain is None:
            raise NotFound(f"没有区域 {scope.org_unit}")
    if not allowed(role_book(), actor, Action.MANAGE_USERS, chain=chain):
        raise Forbidden(f"{actor.login} 无权管理该范围的用户")
    if chain is None and actor.scope != Scope():
        raise Forbidden(f"{actor.login} 只能管理本区域及下级的用户")
    if role is Role.ADMIN and actor.role is not Role.ADMIN:
        raise Forbidden("只有系统管理员可以添加系统管理员")


def add_user(
    app: Bioecon,
    *,
    actor: Principal,
    login: str,
    role: Role,
    password: str,
    origin: str,
    scope: Scope = EVERYTHING,
) -> Account:
    """Create an account; its scope must suit its role and lie within the caller's."""
    if not LOGIN_PATTERN.fullmatch(login):
        raise InvalidValue("登录名须为2–64位小写字母、数字或 . _ -，以字母或数字开头")
    role_book().check_scope(role, scope)
    credentials.check_password_policy(password, login)
    now = datetime.now(UTC)
    with app.transaction() as connection:
        ensure_current(connection)
        _require_manager(connection, actor, scope, role)
        if store.by_login(connection, login) is not None:
            raise Conflict(f"登录名 {login} 已存在")
        responsible_id = None
        if scope.responsible_unit is not None:
            found = responsible_units.ids(connection, [scope.responsible_unit])
            if scope.responsible_unit not in found:
                raise NotFound(f"没有责任单位 {scope.responsible_unit}")
            responsible_id = found[scope.responsible_unit]
        org_id = None
        if scope.org_unit is not None:
            org_id = orgunits.ids(connection, [scope.org_unit])[scope.org_unit]
        store.insert_account(
            connection,
            {
                "login": login,
                "role": role.value,
                "org_unit_id": org_id,
                "responsible_unit_id": responsible_id,
                "password_hash": credentials.hash_password(password),
                "active": True,
                "failed_logins": 0,
                "created_at": now,
                "password_changed_at": now,
            },
        )
        account = _stored(connection, login)
        _record(connection, actor, origin, account, AuditAction.CREATE, None, now)
        return account


def _stored(connection: Connection, login: str) -> Account:
    row = store.by_login(connection, login)
    if row is None:
        raise NotFound(f"没有用户 {login}")
    return _account(row)


def _record(
    connection: Connection,
    actor: Principal,
    origin: str,
    account: Account,
    action: AuditAction,
    before: Account | None,
    now: datetime,
    reason: str | None = None,
) -> None:
    audit.append(
        connection,
        [
            AuditEvent(
                at=now,
                actor=actor.login,
                origin=origin,
                entity=AuditEntity.USER,
                record_key=account.login,
                action=action,
                old_value=_audit_view(before) if before is not None else None,
                new_value=_audit_view(account),
                reason=reason,
            )
        ],
    )


def list_users(app: Bioecon, *, actor: Principal) -> list[Account]:
    """The accounts the caller may manage: all of them, or those of its subtree."""
    if not role_book().grants(actor.role, Action.MANAGE_USERS):
        raise Forbidden(f"{actor.login} 无权查看用户")
    with app.reading() as connection:
        ensure_current(connection)
        return [_account(row) for row in store.listed(connection, actor.scope.org_unit)]


def _change(
    app: Bioecon,
    actor: Principal,
    login: str,
    origin: str,
    action: AuditAction,
    values: Mapping[str, Any],
    reason: str | None,
) -> Account:
    now = datetime.now(UTC)
    with app.transaction() as connection:
        ensure_current(connection)
        before = _stored(connection, login)
        _require_manager(connection, actor, before.scope, before.role)
        store.update_account(connection, login, values)
        if action in (AuditAction.DISABLE, AuditAction.RESET_PASSWORD):
            sessions.end_of_user(connection, _user_id(connection, login))
        after = _stored(connection, login)
        _record(connection, actor, origin, after, action, before, now, reason)
        return after


def _user_id(connection: Connection, login: str) -> int:
    row = store.by_login(connection, login)
    if row is None:
        raise NotFound(f"没有用户 {login}")
    return int(row["id"])


def disable_user(
    app: Bioecon, *, actor: Principal, login: str, origin: str, reason: str | None = None
) -> Account:
    """Stop an account from logging in (its history and its tokens' records stay)."""
    return _change(app, actor, login, origin, AuditAction.DISABLE, {"active": False}, reason)


def reset_password(
    app: Bioecon, *, actor: Principal, login: str, password: str, origin: str
) -> Account:
    """Set a new password; this also clears a lockout."""
    credentials.check_password_policy(password, login)
    values = {
        "password_hash": credentials.hash_password(password),
        "password_changed_at": datetime.now(UTC),
        "failed_logins": 0,
        "locked_until": None,
    }
    return _change(app, actor, login, origin, AuditAction.RESET_PASSWORD, values, None)


def authenticate(
    app: Bioecon, *, login: str, password: str, now: datetime | None = None
) -> Principal:
    """The principal of a good login; consecutive failures lock the account for a while
    (the failure is committed before the refusal is raised)."""
    now = now or datetime.now(UTC)
    with app.transaction() as connection:
        ensure_current(connection)
        principal = _check_login(connection, login, password, now)
    if principal is None:
        raise NotAuthenticated(LOGIN_FAILED)
    return principal


def _check_login(
    connection: Connection, login: str, password: str, now: datetime
) -> Principal | None:
    row = store.by_login(connection, login)
    if row is None:
        credentials.password_matches(_dummy_hash(), password)  # as long as a real check
        return None
    account = _account(row)
    locked = account.locked_until is not None and account.locked_until > now
    if not account.active or locked:
        return None
    if not credentials.password_matches(row["password_hash"], password):
        rules = security_policy()["login_failures"]
        failures = int(row["failed_logins"]) + 1
        values: dict[str, Any] = {"failed_logins": failures}
        if failures >= rules["limit"]:
            values = {"failed_logins": 0, "locked_until": now + _minutes(rules)}
        store.update_account(connection, login, values)
        return None
    update: dict[str, Any] = {"failed_logins": 0, "locked_until": None}
    if credentials.needs_rehash(row["password_hash"]):
        update["password_hash"] = credentials.hash_password(password)
    store.update_account(connection, login, update)
    return Principal(account.login, account.role, account.scope)


def _minutes(rules: Mapping[str, Any]) -> timedelta:
    return timedelta(minutes=int(rules["lock_minutes"]))


@cache
def _dummy_hash() -> str:
    """A hash no password matches, made at the first unknown login (not at import: a hash
    costs a third of a second, which every command would pay)."""
    return credentials.hash_password("not a password of anyone")


def create_token(
    app: Bioecon,
    *,
    actor: Principal,
    owner: str,
    name: str,
    origin: str,
    days: int | None = None,
) -> str:
    """A new personal API token of ``owner`` (the caller itself, or a user the caller
    manages), shown this once; only its digest is kept."""
    policy = security_policy()["api_token"]
    days = policy["default_days"] if days is None else days
    if not 1 <= days <= policy["max_days"]:
        raise InvalidValue(f"令牌有效期须为1–{policy['max_days']}天")
    token, now = credentials.new_token(), datetime.now(UTC)
    with app.transaction() as connection:
        ensure_current(connection)
        row = store.by_login(connection, owner)
        if row is None:
            raise NotFound(f"没有用户 {owner}")
        if owner != actor.login:
            target = _account(row)
            _require_manager(connection, actor, target.scope, target.role)
        if not row["active"]:
            raise Conflict(f"用户 {owner} 已停用")
        store.insert_token(
            connection,
            {
                "user_id": row["id"],
                "name": name,
                "token_hash": credentials.token_digest(token),
                "created_at": now,
                "expires_at": now + timedelta(days=days),
            },
        )
        audit.append(
            connection,
            [
                AuditEvent(
                    now, actor.login, origin, AuditEntity.API_TOKEN, f"{owner}/{name}",
                    AuditAction.CREATE, None, {"days": days},
                )
            ],
        )  # fmt: skip
    return token


def principal_for_token(app: Bioecon, *, token: str, now: datetime | None = None) -> Principal:
    """The owner of a live token (as a bearer header gives it)."""
    now = now or datetime.now(UTC)
    with app.transaction() as connection:
        ensure_current(connection)
        row = store.account_of_token(connection, credentials.token_digest(token), now)
    if row is None:
        raise NotAuthenticated("API 令牌无效、已过期或已撤销")
    account = _account(row)
    return Principal(account.login, account.role, account.scope)
