"""What `bioecon plan onboard` and `bioecon plan delete` print: what was read and done, then
the next step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bioecon.io.load_reports import plan_load_line
from bioecon.io.plan_output import horizon


def onboard_lines(file: Path, report: Any) -> list[str]:
    """Title, region chain, period, code, the load's outcome, counts, and the next step."""
    plan = report.bundle.plan
    chain = " › ".join(f"{u.name} {u.code}" for u in report.bundle.org_units) or plan.region
    targets = len(report.bundle.targets)
    unmapped = targets - report.mapped
    return [
        f"title:   {plan.title}",
        f"region:  {chain}",
        f"period:  {horizon(plan.horizon_start, plan.horizon_end)}",
        f"code:    {plan.code}",
        f"targets: {targets} ({report.mapped} with an indicator, {unmapped} without); "
        f"tasks: {len(report.bundle.tasks)}",
        plan_load_line(file, report.load),
        f"next:    bioecon plan map {plan.code}   (link the {unmapped} targets without an "
        "indicator), then bioecon plan show " + plan.code,
    ]


def deletion_lines(deleted: Any) -> list[str]:
    """The plan deleted, its counts, and the shared records that went with it."""
    lines = [
        f"deleted plan {deleted.code} 《{deleted.title}》: {deleted.targets} targets, "
        f"{deleted.tasks} tasks"
    ]
    for label in ("responsible_units", "indicators", "org_units"):
        codes = getattr(deleted, label)
        if codes:
            lines.append(f"  {label.replace('_', ' ')} no longer used: {', '.join(codes)}")
    return lines
