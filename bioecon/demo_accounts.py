"""The demo's accounts: one per role, scoped to 长沙 and its units, so a newcomer can log in and
try the reporting workflow. Each password is random and printed once, when the account is
created; a rebuilt demo keeps its accounts (reset one with `bioecon users reset-password`)."""

from __future__ import annotations

import secrets
import string

from bioecon.app import Bioecon
from bioecon.domain.access import Role, Scope
from bioecon.errors import Conflict
from bioecon.services import accounts
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.orgunits import responsible_unit_named

DEMO_ORIGIN = "demo build"
DEPARTMENT = "市发展改革委"  # a 长沙 责任单位 the demo's plan names

# (login, role, org unit): a park reporter, its district's reviewer, the city's plan office …
DEMO_USERS: tuple[tuple[str, Role, str | None], ...] = (
    ("admin", Role.ADMIN, None),
    ("cs-office", Role.PLAN_OFFICE, "430100"),
    ("cs-review", Role.REVIEWER, "430100"),
    ("ly-review", Role.REVIEWER, "430181"),
    ("lyjk-report", Role.REPORTER, "CS-LYJK"),
    ("ly-report", Role.REPORTER, "430181"),
    ("cs-fgw", Role.DEPARTMENT, None),
    ("leader", Role.VIEWER, None),
)


def demo_password() -> str:
    """16 random characters with every class the password policy counts."""
    alphabet = string.ascii_letters + string.digits
    body = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{body}-{secrets.choice('ABCDEFGHJKLMNPQRSTUVWXYZ')}{secrets.randbelow(10)}a"


def create_demo_accounts(app: Bioecon) -> list[str]:
    """Create the accounts that do not exist yet; log lines, with each new password once."""
    department = responsible_unit_named(app, actor=LOCAL_ADMIN, name=DEPARTMENT)
    lines = []
    for login, role, org_unit in DEMO_USERS:
        scope = Scope(org_unit)
        if role is Role.DEPARTMENT:
            if department is None:
                continue
            scope = Scope(responsible_unit=department)
        password = demo_password()
        try:
            accounts.add_user(
                app,
                actor=LOCAL_ADMIN,
                login=login,
                role=role,
                password=password,
                origin=DEMO_ORIGIN,
                scope=scope,
            )
        except Conflict:
            lines.append(f"  account {login}: exists (password unchanged)")
            continue
        where = scope.org_unit or scope.responsible_unit or "all"
        lines.append(f"  account {login:12} {role.value:11} {where:22} password {password}")
    return ["demo accounts (passwords shown once):", *lines]
