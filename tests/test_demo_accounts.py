"""The demo's accounts: one per role, each password printed once and good for logging in."""

from __future__ import annotations

import re
from pathlib import Path

from bioecon.app import Bioecon
from bioecon.demo_accounts import create_demo_accounts
from bioecon.domain.access import Role, Scope
from bioecon.io.planfile import read_plan_file
from bioecon.services import accounts
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.plans import load_plan

LINE = re.compile(r"account (\S+)\s+(\S+)\s+(\S+)\s+password (\S+)")


def test_every_role_gets_an_account_whose_printed_password_logs_in(
    app: Bioecon, changsha_plan_file: Path
) -> None:
    parsed = read_plan_file(changsha_plan_file)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    created = [m.groups() for line in create_demo_accounts(app) if (m := LINE.search(line))]
    assert {Role(role) for _, role, _, _ in created} == set(Role)
    for login, role, where, password in created:
        principal = accounts.authenticate(app, login=login, password=password)
        assert principal.role is Role(role)
        if principal.role is Role.DEPARTMENT:
            assert principal.scope == Scope(responsible_unit=where)  # 市发展改革委's code
        else:
            assert principal.scope == Scope(None if where == "all" else where)
    # a rebuilt demo keeps them and prints no password again
    again = create_demo_accounts(app)
    assert not [line for line in again if LINE.search(line)]
    assert len([line for line in again if "exists" in line]) == len(created)
