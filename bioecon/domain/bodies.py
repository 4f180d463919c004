"""The bodies a plan names (议事协调机构): its 领导小组 with 组长, 副组长 and 成员 (persons with their
posts) or 成员单位, the 办公室 where it sits, 专题协调组, 工作专班 and 专家委员会 — records with
members, read from the plan's text (bioecon/extract/bodies.py). Pure."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class BodyKind(StrEnum):
    """What kind of body."""

    LEADING_GROUP = "leading_group"  # 领导小组
    OFFICE = "office"  # 领导小组办公室
    COORDINATION_GROUP = "coordination_group"  # 专题协调组 (综合协调组 …)
    TASK_FORCE = "task_force"  # 工作专班
    EXPERT_COMMITTEE = "expert_committee"  # 专家委员会


class MemberRole(StrEnum):
    """A member's place in the body."""

    LEADER = "leader"  # 组长 / 主任
    DEPUTY = "deputy"  # 副组长 / 副主任
    MEMBER = "member"  # 成员 (a person)
    MEMBER_UNIT = "member_unit"  # 成员单位
    HOST_UNIT = "host_unit"  # 设在 (the unit the body sits in)


@dataclass(frozen=True, slots=True)
class BodyMember:
    """A person (with a post), a post (市政府主要领导) or a unit; a unit resolved against the
    responsible-unit table carries its code."""

    role: MemberRole
    name: str
    title: str | None = None
    responsible_unit: str | None = None


@dataclass(frozen=True, slots=True)
class Body:
    """A body a plan names, its members, the body it belongs to and where the text names it."""

    code: str
    plan: str
    kind: BodyKind
    name: str
    parent: str | None = None  # the code of the body it belongs to (an office: its group's)
    members: tuple[BodyMember, ...] = ()
    quote_start: int | None = None
