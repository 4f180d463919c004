"""Data sets and their reporting status as records (`bioecon datasets list|status|rates`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from bioecon.io.output import Column, Field, Record
from bioecon.messages import label

DATA_SET: Record[Any] = Record(
    "DataSet",
    (
        Field("code", str),
        Field("name", str),
        Field("period_type", str, lambda d: d.period_type.value),
        Field("first_period", str, lambda d: str(d.first_period)),
        Field("jan_feb_combined", bool),
        Field("due_day", int, lambda d: d.due.due_day),
        Field("due_months_after", int, lambda d: d.due.months_after),
        Field("lock_after_days", int | None, lambda d: d.due.lock_after_days),
        Field("indicators", list[str], lambda d: list(d.indicators)),
        Field("org_units", list[str], lambda d: list(d.org_units)),
    ),
    (
        Column("code", lambda d: d.code),
        Column("name", lambda d: d.name),
        Column("period", lambda d: d.period_type.value),
        Column("due", lambda d: f"day {d.due.due_day}"),
        Column("indicators", lambda d: len(d.indicators)),
        Column("org units", lambda d: len(d.org_units)),
    ),
)

STANDING: Record[Any] = Record(
    "ReportStanding",
    (
        Field("org_unit", str),
        Field("period", str, lambda s: str(s.period)),
        Field("due_on", date),
        Field("expected", int, description="indicators the data set asks for"),
        Field("reported", int, description="of them submitted or approved"),
        Field("submitted_on", date | None, description="the day the report became complete"),
        Field("timeliness", str, lambda s: s.timeliness.value, "not_due, on_time, late, overdue"),
        Field("timeliness_label", str, lambda s: label(s.timeliness)),
    ),
    (
        Column("org_unit", lambda s: s.org_unit),
        Column("period", lambda s: str(s.period)),
        Column("due", lambda s: s.due_on),
        Column("reported", lambda s: f"{s.reported}/{s.expected}"),
        Column("complete on", lambda s: s.submitted_on),
        Column("status", lambda s: label(s.timeliness)),
    ),
)

RATE: Record[Any] = Record(
    "OnTimeRate",
    (
        Field("org_unit", str),
        Field("due", int, description="periods already due"),
        Field("on_time", int),
        Field("late", int),
        Field("overdue", int),
        Field("rate", float | None, lambda r: r.rate, "on_time / due (按时报送率)"),
    ),
    (
        Column("org_unit", lambda r: r.org_unit),
        Column("due", lambda r: r.due),
        Column("on time", lambda r: r.on_time),
        Column("late", lambda r: r.late),
        Column("overdue", lambda r: r.overdue),
        Column("rate", lambda r: "—" if r.rate is None else f"{r.rate:.1%}"),
    ),
)
