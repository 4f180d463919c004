"""The release calendar (发布日历) of a plan's periodic reports as records
(`bioecon report calendar`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from bioecon.io.output import Column, Field, Record
from bioecon.messages import text


def release_label(release: Any) -> str:
    """未到期, 按时发布, 逾期发布, 逾期未发布: a release's standing in words."""
    return text(f"release.{release.timeliness.value}")


def kind_label(kind: str) -> str:
    """月报, 季报, 年度总结 …"""
    return text(f"page.report_{kind}")


RELEASE: Record[Any] = Record(
    "Release",
    (
        Field("kind", str, description="monthly, quarterly or annual"),
        Field("period", str),
        Field("due", date, description="the last day on which it is on time"),
        Field("published_id", int | None, description="the first report published for it"),
        Field("published_on", date | None),
        Field("timeliness", str, lambda r: r.timeliness.value, "not_due, on_time, late, overdue"),
        Field("timeliness_label", str, release_label),
    ),
    (
        Column("种类", lambda r: kind_label(r.kind)),
        Column("期别", lambda r: r.period),
        Column("应发布日期", lambda r: r.due),
        Column("发布日期", lambda r: r.published_on or "—"),
        Column("状态", release_label),
        Column("报告编号", lambda r: r.published_id or "—"),
    ),
)
