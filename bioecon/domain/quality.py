"""Data-quality findings (数据质量问题), the checks that find them, and what they say."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from bioecon.domain.messages import Message, Param
from bioecon.domain.periods import Period


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class QualityCheck(StrEnum):
    """The data-quality checks (QualityFinding.check)."""

    PARTS_EXCEED_TOTAL = "parts_exceed_total"  # 下级合计超过上级
    SECTORS_EXCEED_TOTAL = "sectors_exceed_total"  # 分行业合计超过总量
    CUMULATIVE_FALLS = "cumulative_falls"  # 累计值回落
    OUTLIER = "outlier"  # 增速异常
    MISSING_PERIODS = "missing_periods"  # 缺报
    PARK_EXCEEDS_CONTAINER = "park_exceeds_container"  # 园区超过所在单位
    IMPLAUSIBLE_RATE = "implausible_rate"  # 增速不合理


@dataclass(frozen=True, slots=True)
class QualityFinding:
    check: str  # a QualityCheck
    severity: Severity
    indicator: str
    org_unit: str
    sector: str | None
    period: Period
    message: Message  # one line citing the numbers


def describe(
    check: str,
    period: Period,
    value: Decimal | None,
    reference: Decimal | None,
    score: float | None,
    detail: str | None,
) -> Message:
    """The one-line message of a finding: 2024-12累计值300低于2024-10的累计值320，…"""
    numbers: dict[str, Param] = {"period": str(period), "value": str(value)}
    if check == QualityCheck.PARTS_EXCEED_TOTAL:
        return Message(
            "quality.parts_exceed_total", numbers | {"units": str(detail), "total": str(reference)}
        )
    if check == QualityCheck.SECTORS_EXCEED_TOTAL:
        return Message("quality.sectors_exceed_total", numbers | {"total": str(reference)})
    if check == QualityCheck.CUMULATIVE_FALLS:
        return Message(
            "quality.cumulative_falls", numbers | {"earlier": str(detail), "before": str(reference)}
        )
    if check == QualityCheck.PARK_EXCEEDS_CONTAINER:
        return Message(
            "quality.park_exceeds_container",
            numbers | {"container": str(detail), "total": str(reference)},
        )
    if check == QualityCheck.IMPLAUSIBLE_RATE:
        rate = f"{score or 0.0:+.1f}"
        return Message(
            f"quality.implausible_{detail}", numbers | {"rate": rate, "base": str(reference)}
        )
    return _describe_series(check, period, score, detail)


def _describe_series(
    check: str, period: Period, score: float | None, detail: str | None
) -> Message:
    """Messages of the checks on a whole series: outliers and missing periods."""
    if check == QualityCheck.OUTLIER:
        growth = float(detail) if detail is not None else 0.0
        return Message(
            "quality.outlier",
            {"period": str(period), "growth": f"{growth:.1f}", "score": f"{score:.1f}"},
        )
    if check == QualityCheck.MISSING_PERIODS:
        count = int(score or 0)
        if count == 1:
            return Message("quality.missing_period", {"period": str(period), "count": count})
        last = str(period.shift(count - 1))
        return Message(
            "quality.missing_periods", {"period": str(period), "last": last, "count": count}
        )
    return Message("quality.other", {"check": check})
