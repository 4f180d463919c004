"""操作留痕 (the audit trail): one event per change — who, when, from where, what record,
its old and new value, and the reason given. Events are only ever added."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from enum import Enum, StrEnum
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
    PUBLICIZE = "publicize"  # 公示 (a policy application)
    PAY = "pay"  # 兑付 (a policy application)


class AuditEntity(StrEnum):
    """Which kind of record (the table users know it by)."""

    OBSERVATION = "observation"
    ENTERPRISE = "enterprise"
    PLAN = "plan"
    MAPPING = "mapping"
    USER = "user"
    API_TOKEN = "api_token"
    SESSION = "session"  # a web login (登录会话)
    ORG_UNIT = "org_unit"  # 区域/园区
    INDICATOR = "indicator"  # 指标目录
    PLATFORM = "platform"  # 创新平台与载体
    APPROVAL = "approval"  # 产品注册与批文
    PROJECT = "project"  # 重点项目 (项目台账)
    PROJECT_PROGRESS = "project_progress"  # 项目月度进展 (月度调度)
    PROJECT_SELECTION = "project_selection"  # 每年遴选 (a candidate's score of a year)
    TARGET = "target"  # 目标值调整 (动态调整): plan/target key
    WORK_ITEM = "work_item"  # 任务分解 (年度工作要点, 分解任务)
    WORK_REPORT = "work_report"  # 任务进展填报 (with its evidence)
    NOTICE = "notice"  # 督办 (提示单, 督办单, 联系单)
    RESPONSIBLE_UNIT = "responsible_unit"  # 责任单位 (an alias confirmed)
    PLAN_BODY = "plan_body"  # 议事协调机构 a plan names (领导小组 …)
    POLICY_CLAUSE = "policy_clause"  # 政策条款
    POLICY_APPLICATION = "policy_application"  # 政策兑现申请
    POLICY_FUND = "policy_fund"  # 引导基金
    ASSESSMENT_SCHEME = "assessment_scheme"  # 考核方案 (loaded for the assessment page)
    ASSESSMENT = "assessment"  # 考核结果发布: scheme/year/version


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


def audit_value(value: object) -> object:
    """A value as the audit trail's JSON keeps it: exact numbers and dates as text, enums by
    their value, tuples and sets as lists."""
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if isinstance(value, (tuple, list, frozenset, set)):
        items = [audit_value(v) for v in value]
        return items if isinstance(value, (tuple, list)) else sorted(items, key=str)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def changed_fields(
    before: object | None, after: object
) -> tuple[dict[str, object] | None, dict[str, object]]:
    """The old and new values of the fields of dataclass record ``after`` that differ from
    ``before`` (every field, and no old value, when there is no ``before``)."""
    if not is_dataclass(after):
        raise TypeError(f"{type(after).__name__} is not a dataclass record")
    names = [f.name for f in fields(after)]
    if before is None:
        return None, {name: audit_value(getattr(after, name)) for name in names}
    moved = [name for name in names if getattr(before, name) != getattr(after, name)]
    old = {name: audit_value(getattr(before, name)) for name in moved}
    return old, {name: audit_value(getattr(after, name)) for name in moved}
