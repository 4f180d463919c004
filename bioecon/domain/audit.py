"""操作留痕 (the audit trail): one event per change — who, when, from where, what record,
its old and new value, and the reason given. Events are only ever added."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class AuditAction(StrEnum):
    """What happened to the record."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    SUBMIT = "submit"
    RECALL = "recall"
    APPROVE = "approve"
    REJECT = "reject"
    REOPEN = "reopen"
    DISABLE = "disable"
    RESET_PASSWORD = "reset_password"
    LOG_IN = "log_in"
    LOG_OUT = "log_out"
    LOGIN_FAILED = "login_failed"


class AuditEntity(StrEnum):
    """Which kind of record (the table users know it by)."""

    OBSERVATION = "observation"
    ENTERPRISE = "enterprise"
    PLAN = "plan"
    MAPPING = "mapping"
    USER = "user"
    API_TOKEN = "api_token"
    SESSION = "session"  # a web login (登录会话)


@dataclass(frozen=True, slots=True)
class AuditEvent:
    at: datetime
    actor: str  # login
    origin: str  # "cli:<os user>@<host>" or "web:<client address>"
    entity: AuditEntity
    record_key: (
        str  # how users name the record: a login, a credit code, "biomed_scale/430100/2025-06"
    )
    action: AuditAction
    old_value: Mapping[str, Any] | None = None
    new_value: Mapping[str, Any] | None = None
    reason: str | None = None
