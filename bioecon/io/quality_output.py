"""Data-quality findings as records and a table (`bioecon data check`)."""

from __future__ import annotations

from collections.abc import Sequence

from bioecon.domain.periods import Period
from bioecon.domain.quality import QualityCheck, QualityFinding, Severity
from bioecon.io.output import Column, Field, Record
from bioecon.messages import label
from bioecon.messages import render as render_message


def check_name(finding: QualityFinding) -> str:
    """The check's Chinese name (数据质量核查项)."""
    return label(QualityCheck(finding.check))


def message(finding: QualityFinding) -> str:
    """The finding's one-line message, in Chinese."""
    return render_message(finding.message)


FINDING: Record[QualityFinding] = Record(
    "QualityFinding",
    (
        Field("check", str),
        Field("check_zh", str, check_name),
        Field("severity", str, lambda f: f.severity.value),
        Field("indicator", str),
        Field("org_unit", str),
        Field("sector", str | None),
        Field("period", str, lambda f: str(f.period)),
        Field("message", str, message),
    ),
    (
        Column("severity", lambda f: f.severity.value),
        Column("check", check_name),
        Column("indicator", lambda f: f.indicator),
        Column("org_unit", lambda f: f.org_unit),
        Column("sector", lambda f: f.sector),
        Column("period", lambda f: str(f.period)),
        Column("message", message),
    ),
)


def error_count(findings: Sequence[QualityFinding]) -> int:
    return sum(1 for f in findings if f.severity is Severity.ERROR)


def check_summary(checked_to: Period | None, findings: Sequence[QualityFinding]) -> str:
    """The line under the table: how far the data was checked, errors and warnings."""
    errors = error_count(findings)
    return f"checked to {checked_to or '—'}: {errors} errors, {len(findings) - errors} warnings"
