"""Rules a plan must satisfy before it is stored. Each finding names the YAML-style path of
the offending field, so front ends can point at the line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bioecon.domain.model import PlanBundle, Target, TargetKind, TargetOp
from bioecon.domain.progress import Thresholds
from bioecon.domain.tiers import tier_rules
from bioecon.domain.units import UnitRegistry
from bioecon.errors import InvalidValue

Path = tuple[str | int, ...]
Finding = tuple[Path, str]


def bundle_problems(bundle: PlanBundle, units: UnitRegistry) -> list[Finding]:
    """Everything wrong with ``bundle`` that can be seen without the database."""
    found: list[Finding] = []
    plan = bundle.plan
    if (
        plan.horizon_start is not None
        and plan.horizon_end is not None
        and plan.horizon_start > plan.horizon_end
    ):
        found.append((("plan", "horizon"), "start year is after end year"))
    found += _threshold_problems(plan.thresholds)
    if plan.tiers:
        try:
            tier_rules(plan.tiers)
        except (InvalidValue, KeyError, ValueError, TypeError) as error:
            found.append((("plan", "tiers"), f"not a valid tier rule: {error}"))
    found += _duplicates("org_units", (u.code for u in bundle.org_units), "code")
    found += _duplicates("responsible_units", (r.code for r in bundle.responsible_units), "code")
    found += _duplicates("indicators", (i.code for i in bundle.indicators), "code")
    found += _duplicates("targets", (t.key for t in bundle.targets), "key")
    found += _duplicates("tasks", (k.key for k in bundle.tasks), "key")
    aliases = [a for r in bundle.responsible_units for a in (r.name, *r.aliases)]
    for alias, count in Counter(aliases).items():
        if count > 1:
            found.append((("responsible_units",), f"name or alias '{alias}' is used {count} times"))
    for index, indicator in enumerate(bundle.indicators):
        if indicator.unit not in units:
            found.append((("indicators", index, "unit"), f"unknown unit '{indicator.unit}'"))
    for index, target in enumerate(bundle.targets):
        found += [
            (("targets", index, *path), message)
            for path, message in _target_problems(target, units, plan.source_text)
        ]
    for index, task in enumerate(bundle.tasks):
        both = set(task.lead_units) & set(task.co_units)
        if both:
            found.append(
                (("tasks", index, "co_units"), f"also listed as lead: {'、'.join(sorted(both))}")
            )
    return found


def _threshold_problems(overrides: dict[str, Any] | None) -> list[Finding]:
    if not overrides:
        return []
    where: Path = ("plan", "thresholds")
    try:
        merged = Thresholds.from_mapping(overrides)
    except InvalidValue as error:
        return [(where, str(error))]
    found: list[Finding] = []
    if merged.lagging_points > merged.at_risk_points:
        found.append(((*where, "time_progress"), "lagging_points must not exceed at_risk_points"))
    if merged.growth_lagging > merged.growth_on_track:
        found.append(((*where, "growth_ratio"), "lagging must not exceed on_track"))
    if merged.projection_lagging > merged.projection_on_track:
        found.append(((*where, "projection_ratio"), "lagging must not exceed on_track"))
    return found


def _duplicates(section: str, keys: Iterable[str], field: str) -> list[Finding]:
    seen: dict[str, int] = {}
    found: list[Finding] = []
    for index, key in enumerate(keys):
        if key in seen:
            found.append(((section, index, field), f"'{key}' repeats {section}[{seen[key]}]"))
        else:
            seen[key] = index
    return found


def _target_problems(target: Target, units: UnitRegistry, text: str | None) -> list[Finding]:
    found: list[Finding] = []
    if target.unit not in units:
        found.append((("unit",), f"unknown unit '{target.unit}'"))
    if target.op is TargetOp.RANGE:
        if target.value_high is None:
            found.append((("value_high",), "a range target needs value_high"))
        elif target.value_high < target.value:
            found.append((("value_high",), f"{target.value_high} is below value {target.value}"))
    elif target.value_high is not None:
        found.append(
            (("value_high",), f"value_high is only for op 'range', not '{target.op.value}'")
        )
    if target.kind is TargetKind.SHARE and target.unit not in ("%", "％"):
        found.append((("unit",), f"a share target is in %, not {target.unit}"))
    if target.kind is TargetKind.MULTIPLE and target.op is not TargetOp.TIMES:
        found.append((("op",), "a multiple target (翻番) takes op 'x'"))
    if target.op is TargetOp.TIMES and target.kind is not TargetKind.MULTIPLE:
        found.append((("kind",), "op 'x' is for kind 'multiple'"))
    if (
        target.baseline_year is not None
        and target.deadline_year is not None
        and target.baseline_year >= target.deadline_year
    ):
        found.append((("baseline_year",), "baseline year must come before the deadline year"))
    span = target.source
    if span is not None:
        if span.end < span.start:
            found.append((("source", "end"), "end is before start"))
        elif text is not None and text[span.start : span.end] != span.quote:
            found.append(
                (
                    ("source", "quote"),
                    f"the plan text at {span.start}–{span.end} reads "
                    f"'{text[span.start : span.end]}', not the quote",
                )
            )
    return found


def repeated_task_units(bundle: PlanBundle) -> list[Finding]:
    """A unit named twice in one task's list."""
    found: list[Finding] = []
    for index, task in enumerate(bundle.tasks):
        for field in ("lead_units", "co_units"):
            codes: tuple[str, ...] = getattr(task, field)
            for code, count in Counter(codes).items():
                if count > 1:
                    found.append((("tasks", index, field), f"'{code}' is listed {count} times"))
    return found


@dataclass(frozen=True, slots=True)
class SectionChange:
    """How one section of a plan changed on reload, counted by key."""

    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0


def diff_bundles(old: PlanBundle | None, new: PlanBundle) -> dict[str, SectionChange]:
    """Per section (plan, org_units, responsible_units, indicators, targets, tasks), what a load
    of ``new`` over ``old`` creates, updates, deletes and leaves alone."""
    sections: dict[str, SectionChange] = {}
    if old is None:
        sections["plan"] = SectionChange(created=1)
    else:
        sections["plan"] = (
            SectionChange(updated=1) if old.plan != new.plan else SectionChange(unchanged=1)
        )
    for name in ("org_units", "responsible_units", "indicators", "targets", "tasks"):
        before = _keyed(getattr(old, name)) if old else {}
        after = _keyed(getattr(new, name))
        sections[name] = SectionChange(
            created=len(after.keys() - before.keys()),
            deleted=len(before.keys() - after.keys()),
            updated=sum(1 for k in after.keys() & before.keys() if after[k] != before[k]),
            unchanged=sum(1 for k in after.keys() & before.keys() if after[k] == before[k]),
        )
    return sections


def _keyed(items: tuple[Any, ...]) -> dict[str, Any]:
    return {getattr(item, "key", None) or item.code: item for item in items}
