"""What the loading commands say about each file (`plan load`, `data load`, `enterprises
load`, `enterprises ledger`): one line per file, then its changes. Items are the services'
load reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def plan_load_line(file: Path, report: Any) -> str:
    """``FILE: plan CODE (id N) OUTCOME: targets 3 created/1 updated, …``."""
    details = ", ".join(
        f"{name} "
        + "/".join(
            f"{getattr(change, label)} {label}"
            for label in ("created", "updated", "deleted")
            if getattr(change, label)
        )
        for name, change in report.changes.items()
        if change.created or change.updated or change.deleted
    )
    return f"{file}: plan {report.code} (id {report.plan_id}) {report.outcome}" + (
        f": {details}" if details else ""
    )


def observation_load_line(report: Any) -> str:
    blank = f", {report.blank_rows} rows without a value skipped" if report.blank_rows else ""
    return f"{report.source}: {report.inserted} inserted, {report.updated} updated, {report.unchanged} unchanged{blank}"


def enterprise_load_lines(report: Any) -> list[str]:
    """The counts, then every change to a stored enterprise, then the warnings."""
    return [
        f"{report.source}: {report.created} created, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.years} enterprise-years",
        *(f"  {c.uscc} {c.field}: {c.old!s} → {c.new!s}" for c in report.changes),
        *(f"  warning: {warning}" for warning in report.warnings),
    ]


def sector_ledger_line(report: Any) -> str:
    return f"{report.indicator}: {report.rows} sector totals, {report.inserted} inserted, {report.updated} updated"
