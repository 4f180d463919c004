"""Data-quality findings (数据质量问题), the checks that find them, and how they read in Chinese."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

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


@dataclass(frozen=True, slots=True)
class QualityFinding:
    check: str
    severity: Severity
    indicator: str
    org_unit: str
    sector: str | None
    period: Period
    message: str  # one line, Chinese, citing the numbers


def describe(
    check: str,
    period: Period,
    value: Decimal | None,
    reference: Decimal | None,
    score: float | None,
    detail: str | None,
) -> str:
    """The Chinese one-line message of a finding."""
    if check == "parts_exceed_total":
        return f"{period}下级单位合计{value}（{detail}个单位），超过本级上报值{reference}"
    if check == "sectors_exceed_total":
        return f"{period}分行业合计{value}，超过总量{reference}"
    if check == "cumulative_falls":
        return f"{period}累计值{value}低于{detail}的累计值{reference}，累计值不应回落"
    if check == "outlier":
        growth = float(detail) if detail is not None else 0.0
        return f"{period}同比{growth:.1f}%，偏离该序列历史增速（稳健z值{score:.1f}）"
    if check == "missing_periods":
        count = int(score or 0)
        last = period.shift(count - 1)
        span = str(period) if count == 1 else f"{period}至{last}"
        return f"缺报{span}（{count}期）"
    return check
