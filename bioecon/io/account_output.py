"""Accounts as records (`bioecon users list`): never a password hash."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bioecon.io.output import Column, Field, Record

ACCOUNT: Record[Any] = Record(
    "Account",
    (
        Field("login", str),
        Field("role", str, lambda a: a.role.value, "admin, plan_office, reporter, …"),
        Field("org_unit", str | None, description="the scope: this org unit and below"),
        Field("responsible_unit", str | None, description="a department user's unit"),
        Field("active", bool),
        Field("locked_until", datetime | None, description="after repeated failed logins"),
        Field("created_at", datetime),
    ),
    (
        Column("login", lambda a: a.login),
        Column("role", lambda a: a.role.value),
        Column("org_unit", lambda a: a.org_unit),
        Column("responsible_unit", lambda a: a.responsible_unit),
        Column("active", lambda a: "yes" if a.active else "no"),
        Column("locked until", lambda a: a.locked_until),
    ),
)
