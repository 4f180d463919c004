"""Accounts on both backends: scoped user management, login lockout, tokens, the history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from bioecon.app import Bioecon
from bioecon.domain.access import Principal, Role, Scope
from bioecon.domain.audit import AuditAction, AuditEntity
from bioecon.errors import Conflict, Forbidden, InvalidValue, NotAuthenticated
from bioecon.io.planfile import read_plan_file
from bioecon.services import accounts
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.plans import load_plan
from bioecon.store import audit

GOOD = "Changsha-2025!"  # 14 characters, four classes
HERE = "cli:test"


@pytest.fixture
def city(app: Bioecon, changsha_plan_file: Path) -> Bioecon:
    """长沙 430100 with its districts; 浏阳市 430181 holds the park CS-LYJK, 宁乡市 430182 is its
    sibling."""
    parsed = read_plan_file(changsha_plan_file)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    return app


def add(app: Bioecon, login: str, role: Role, scope: Scope, actor: Principal = LOCAL_ADMIN) -> None:
    accounts.add_user(
        app, actor=actor, login=login, role=role, password=GOOD, origin=HERE, scope=scope
    )


def test_a_plan_office_manages_users_of_its_subtree_only(city: Bioecon) -> None:
    add(city, "liuyang-office", Role.PLAN_OFFICE, Scope("430181"))
    office = accounts.authenticate(city, login="liuyang-office", password=GOOD)
    assert office == Principal("liuyang-office", Role.PLAN_OFFICE, Scope("430181"))
    add(city, "lyjk-reporter", Role.REPORTER, Scope("CS-LYJK"), actor=office)  # its park
    with pytest.raises(Forbidden):
        add(city, "ningxiang-reporter", Role.REPORTER, Scope("430182"), actor=office)
    with pytest.raises(Forbidden):
        add(city, "everything", Role.VIEWER, Scope(), actor=office)  # wider than itself
    with pytest.raises(Forbidden):
        add(city, "root", Role.ADMIN, Scope(), actor=office)
    # the office lists itself and its park's reporter; the admin sees both as well
    assert [a.login for a in accounts.list_users(city, actor=office)] == [
        "liuyang-office",
        "lyjk-reporter",
    ]
    reporter = accounts.authenticate(city, login="lyjk-reporter", password=GOOD)
    with pytest.raises(Forbidden):
        accounts.list_users(city, actor=reporter)


def test_bad_accounts_are_refused_before_anything_is_written(city: Bioecon) -> None:
    with pytest.raises(InvalidValue, match="至少10个字符"):
        accounts.add_user(
            city, actor=LOCAL_ADMIN, login="a1", role=Role.VIEWER, password="Short1!", origin=HERE
        )
    with pytest.raises(InvalidValue, match="至少3类"):
        accounts.add_user(
            city,
            actor=LOCAL_ADMIN,
            login="a1",
            role=Role.VIEWER,
            password="alllowercase",
            origin=HERE,
        )
    with pytest.raises(InvalidValue, match="reporter needs"):
        add(city, "a1", Role.REPORTER, Scope())  # a reporter reports for some unit
    add(city, "a1", Role.VIEWER, Scope())
    with pytest.raises(Conflict):
        add(city, "a1", Role.VIEWER, Scope())
    assert [a.login for a in accounts.list_users(city, actor=LOCAL_ADMIN)] == ["a1"]


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(city: Bioecon) -> None:
    add(city, "r1", Role.REPORTER, Scope("430181"))
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    for minute in range(5):
        with pytest.raises(NotAuthenticated):
            accounts.authenticate(
                city, login="r1", password="wrong", now=start + timedelta(minutes=minute)
            )
    # locked from 09:04 to 09:19: even the right password fails, with the same message
    with pytest.raises(NotAuthenticated, match="登录名或密码错误"):
        accounts.authenticate(city, login="r1", password=GOOD, now=start + timedelta(minutes=18))
    assert (
        accounts.authenticate(
            city, login="r1", password=GOOD, now=start + timedelta(minutes=20)
        ).login
        == "r1"
    )
    with pytest.raises(NotAuthenticated, match="登录名或密码错误"):
        accounts.authenticate(city, login="nobody", password=GOOD)


def test_a_disabled_account_cannot_log_in_and_the_history_says_who_did_it(city: Bioecon) -> None:
    add(city, "r2", Role.REPORTER, Scope("430182"))
    accounts.disable_user(city, actor=LOCAL_ADMIN, login="r2", origin=HERE, reason="调岗")
    with pytest.raises(NotAuthenticated):
        accounts.authenticate(city, login="r2", password=GOOD)
    accounts.reset_password(
        city, actor=LOCAL_ADMIN, login="r2", password="Another-pass-9", origin=HERE
    )
    with city.reading() as connection:
        events = audit.history(connection, AuditEntity.USER, "r2")
    assert [(e.actor, e.action, e.reason) for e in events] == [
        ("local-admin", AuditAction.CREATE, None),
        ("local-admin", AuditAction.DISABLE, "调岗"),
        ("local-admin", AuditAction.RESET_PASSWORD, None),
    ]
    assert events[1].old_value == {
        "role": "reporter",
        "org_unit": "430182",
        "responsible_unit": None,
        "active": True,
    }
    assert events[1].new_value is not None and events[1].new_value["active"] is False
    assert "password" not in str([e.new_value for e in events])  # never a hash in the trail


def test_a_token_identifies_its_owner_until_it_expires(city: Bioecon) -> None:
    add(city, "api-user", Role.VIEWER, Scope("430100"))
    owner = accounts.authenticate(city, login="api-user", password=GOOD)
    token = accounts.create_token(
        city, actor=owner, owner="api-user", name="报表脚本", origin=HERE, days=30
    )
    assert token.startswith("bec_") and len(token) > 40
    assert accounts.principal_for_token(city, token=token) == owner
    with pytest.raises(NotAuthenticated):
        accounts.principal_for_token(city, token=token, now=datetime.now(UTC) + timedelta(days=31))
    with pytest.raises(NotAuthenticated):
        accounts.principal_for_token(city, token=token[:-1] + ("A" if token[-1] != "A" else "B"))
    with city.reading() as connection:
        stored = connection.execute(text("SELECT token_hash FROM api_token")).scalar_one()
    assert token not in stored and len(stored) == 64  # only the digest is kept


def test_the_history_is_append_only_in_the_database(city: Bioecon) -> None:
    add(city, "r3", Role.REPORTER, Scope("430181"))
    for statement in ("UPDATE audit_event SET actor = 'x'", "DELETE FROM audit_event"):
        with pytest.raises(Exception, match="append-only"), city.transaction() as connection:
            connection.execute(text(statement))
    with city.reading() as connection:
        assert len(audit.history(connection, AuditEntity.USER, "r3")) == 1
