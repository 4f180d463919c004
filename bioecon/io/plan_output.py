"""Plans as records (`bioecon plan list`, ``GET /api/plans``) and a plan as text
(`bioecon plan show`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bioecon.domain.model import PlanBundle, Target, Task
from bioecon.io.output import Column, Field, Record, table


def horizon(start: int | None, end: int | None) -> str:
    return f"{start or '?'}–{end or '?'}" if start or end else "—"


PLAN_SUMMARY: Record[Any] = Record(
    "PlanSummary",
    (
        Field("id", int),
        Field("code", str),
        Field("title", str),
        Field("region", str, lambda p: p.region_name, "the region's name"),
        Field("region_code", str, lambda p: p.region, "the region's org-unit code"),
        Field("horizon_start", int | None),
        Field("horizon_end", int | None),
        Field("target_count", int),
        Field("task_count", int),
    ),
    (
        Column("id", lambda p: p.id),
        Column("code", lambda p: p.code),
        Column("title", lambda p: p.title),
        Column("region", lambda p: p.region_name),
        Column("horizon", lambda p: horizon(p.horizon_start, p.horizon_end)),
        Column("targets", lambda p: p.target_count),
        Column("tasks", lambda p: p.task_count),
    ),
)
"""A stored plan (items: ``store.PlanSummary``, as `plan_service.list_plans` returns them)."""

_TARGET_COLUMNS: tuple[Column[Target], ...] = (
    Column("key", lambda t: t.key),
    Column("year", lambda t: t.deadline_year),
    Column("subject", lambda t: t.subject),
    Column("metric", lambda t: t.metric),
    Column("op", lambda t: t.op.value),
    Column("value", lambda t: t.value),
    Column("high", lambda t: t.value_high),
    Column("unit", lambda t: t.unit),
    Column("indicator", lambda t: t.indicator),
    Column("mapping", lambda t: _mapping(t)),
)


def _mapping(target: Target) -> str:
    """How the indicator was chosen and how sure (rule 0.9); empty when not recorded."""
    if target.mapping_method is None:
        return ""
    return f"{target.mapping_method.value} {target.mapping_confidence or ''}".strip()


def _task_columns(bundle: PlanBundle) -> tuple[Column[Task], ...]:
    """The task table with each unit by its name (a unit the plan did not declare: its code)."""
    names = {u.code: u.name for u in bundle.responsible_units}

    def units(codes: tuple[str, ...]) -> str:
        return "、".join(names.get(code, code) for code in codes)

    return (
        Column("key", lambda k: k.key),
        Column("section", lambda k: k.section or ""),
        Column("heading", lambda k: k.heading),
        Column("lead units", lambda k: units(k.lead_units)),
        Column("co units", lambda k: units(k.co_units)),
    )


def plan_text(bundle: PlanBundle) -> str:
    """`bioecon plan show`: the plan's metadata, then its targets and tasks as tables."""
    p = bundle.plan
    lines = [
        f"{p.title}  [{p.code}]",
        f"region {p.region}; issuer {p.issuer or '—'}; issued {p.issued_on or '—'}; horizon {horizon(p.horizon_start, p.horizon_end)}",
        "",
        f"targets ({len(bundle.targets)})",
        table(_TARGET_COLUMNS, bundle.targets),
        "",
        f"tasks ({len(bundle.tasks)})",
        table(_task_columns(bundle), bundle.tasks),
    ]
    return "\n".join(lines)


def adjustment_line(adjustment: Any) -> str:
    """T10 1200 → 1100 亿元（市政府 2026-06-30 长政发〔2026〕12号）：理由 — one adjustment."""
    a = adjustment
    before = _range_text(a.old_value, a.old_value_high)
    after = _range_text(a.new_value, a.new_value_high)
    document = f" {a.document}" if a.document else ""
    return (
        f"{a.plan} {a.target}：{before} → {after} {a.unit}"
        f"（{a.approved_by} {a.approved_on.isoformat()}{document}）：{a.reason}"
    )


def _range_text(low: Decimal, high: Decimal | None) -> str:
    return format(low, "f") if high is None else f"{format(low, 'f')}—{format(high, 'f')}"
