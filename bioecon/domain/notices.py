"""督办: notices to a responsible unit about a lagging task or key project, and their steps.
Pure.

An office raises a notice of a kind (提示单, 督办单, 联系单: ``bioecon/data/tasks/notices.yaml``)
to the unit, with a reply deadline; the unit replies with its measures; the office closes it
(销号) or escalates it, which raises the next kind's notice. :func:`next_state` is the one
rule of which step may follow which; docs/tasks.md draws the loop.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from bioecon.errors import Conflict, InvalidValue


class NoticeKind(StrEnum):
    """督办单据的种类."""

    PROMPT = "prompt"  # 提示单
    SUPERVISION = "supervision"  # 督办单
    CONTACT = "contact"  # 联系单


class NoticeSubject(StrEnum):
    """What a notice is about."""

    TASK = "task"  # a work item of the breakdown (年度工作要点/分解任务)
    PROJECT = "project"  # a key project (重点项目)


class NoticeState(StrEnum):
    """Where a notice stands."""

    OPEN = "open"  # 待回复
    REPLIED = "replied"  # 已回复
    CLOSED = "closed"  # 已销号
    ESCALATED = "escalated"  # 已升级


class NoticeAction(StrEnum):
    """A step of the loop."""

    RAISE = "raise"  # 下发
    REPLY = "reply"  # 回复整改措施
    CLOSE = "close"  # 销号
    ESCALATE = "escalate"  # 升级


_NEXT: Mapping[tuple[NoticeState, NoticeAction], NoticeState] = {
    (NoticeState.OPEN, NoticeAction.REPLY): NoticeState.REPLIED,
    (NoticeState.REPLIED, NoticeAction.REPLY): NoticeState.REPLIED,  # a further reply
    (NoticeState.REPLIED, NoticeAction.CLOSE): NoticeState.CLOSED,
    (NoticeState.OPEN, NoticeAction.ESCALATE): NoticeState.ESCALATED,
    (NoticeState.REPLIED, NoticeAction.ESCALATE): NoticeState.ESCALATED,
}

_STATE_ZH = {
    NoticeState.OPEN: "待回复",
    NoticeState.REPLIED: "已回复",
    NoticeState.CLOSED: "已销号",
    NoticeState.ESCALATED: "已升级",
}
_ACTION_ZH = {
    NoticeAction.RAISE: "下发",
    NoticeAction.REPLY: "回复",
    NoticeAction.CLOSE: "销号",
    NoticeAction.ESCALATE: "升级",
}


def next_state(state: NoticeState, action: NoticeAction) -> NoticeState:
    """The state after ``action``: a unit replies to an open or replied notice; the office
    closes a replied one (销号 needs the unit's measures) or escalates an open or replied one;
    a closed or escalated notice takes no further step (Conflict)."""
    found = _NEXT.get((state, action))
    if found is None:
        raise Conflict(f"{_STATE_ZH[state]}的督办单不能{_ACTION_ZH[action]}")
    return found


@dataclass(frozen=True, slots=True)
class NoticeStep:
    """One step of a notice: what, by whom, when, with its text."""

    action: NoticeAction
    actor: str
    at: datetime
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Notice:
    """A notice (提示单/督办单/联系单) to a responsible unit."""

    code: str  # TS-2026-0001
    kind: NoticeKind
    subject: NoticeSubject
    subject_code: str  # the work item's or the project's code
    responsible_unit: str  # its code
    reason: str
    reply_due: date
    state: NoticeState
    raised_by: str
    raised_at: datetime
    org_unit: str | None = None  # the issuing office's org unit (the plan's region)
    escalated_from: str | None = None

    def reply_overdue(self, today: date) -> bool:
        """Open past its reply deadline."""
        return self.state is NoticeState.OPEN and today > self.reply_due


@dataclass(frozen=True, slots=True)
class KindRule:
    """A notice kind's Chinese name, number prefix, reply days and escalation."""

    kind: NoticeKind
    name: str
    prefix: str
    reply_days: int
    escalates_to: NoticeKind


@dataclass(frozen=True, slots=True)
class NoticeBook:
    """The notice kinds of ``notices.yaml``."""

    kinds: Mapping[NoticeKind, KindRule]

    def number(self, kind: NoticeKind, year: int, sequence: int) -> str:
        """A notice's number: its kind's prefix, the year, the year's sequence (DB-2026-0003)."""
        return f"{self.kinds[kind].prefix}-{year}-{sequence:04d}"

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> NoticeBook:
        raw = data["kinds"]
        missing = sorted(set(NoticeKind) - set(raw))
        if missing:
            raise InvalidValue(f"notices.yaml lacks the kinds {', '.join(missing)}")
        return cls(
            {
                NoticeKind(code): KindRule(
                    NoticeKind(code),
                    str(spec["name"]),
                    str(spec["prefix"]),
                    int(spec["reply_days"]),
                    NoticeKind(spec["escalates_to"]),
                )
                for code, spec in raw.items()
            }
        )


@dataclass(frozen=True, slots=True)
class UnitNoticeCounts:
    """督办 counts of one responsible unit (for the assessment's 过程性 items, issue #16)."""

    responsible_unit: str
    name: str
    raised: int  # notices addressed to it
    supervision: int  # of which 督办单
    open: int  # not yet replied
    reply_overdue: int  # open past the reply deadline
    replied_on_time: int  # replied, first reply by the reply deadline
    closed: int  # 销号
    escalated: int


@dataclass(frozen=True, slots=True)
class NoticeTally:
    """督办 counts of one responsible unit over a span of days (in China), as known at the end
    of its last day: what an assessment as of a month counts (issue #16)."""

    responsible_unit: str
    org_unit: str | None  # the unit's own org unit (None: shared)
    raised: int  # notices addressed to it in the span
    supervision: int  # of which 督办单
    reply_overdue: int  # of those, past the reply deadline with no reply by the span's end
    closed: int  # of those, closed (销号) by the span's end


@dataclass(frozen=True, slots=True)
class NoticeFilter:
    """The 督办 list's filters (None: any)."""

    state: NoticeState | None = None
    kind: NoticeKind | None = None
    subject: NoticeSubject | None = None
    responsible_unit: str | None = None
    overdue_on: date | None = None  # only open notices past their reply deadline on this day
