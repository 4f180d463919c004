"""A derived ledger line (台账行): what a 统计月报 shows for one indicator, org unit, sector and
period. Missing stays missing: a value or rate is ``None`` and ``reasons`` says why."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from bioecon.domain.periods import Period


class LedgerReason(StrEnum):
    """Why a value or rate is missing (the values of LedgerEntry.reasons)."""

    NO_DATA = "no_data"  # 无数据
    INCOMPLETE = "incomplete"  # 下级单位数据不全
    PERIOD_MISSING = "period_missing"  # 期内有月份缺数
    VALUE_MISSING = "value_missing"  # 本期缺数
    BASE_MISSING = "base_missing"  # 基期缺数
    BASE_ZERO = "base_zero"  # 基期为零
    NOT_CUMULATIVE = "not_cumulative"  # 存量指标不累计
    SIGN_CHANGE = "sign_change"  # 两期符号相反
    JAN_FEB_COMBINED = "jan_feb_combined"  # 1–2月合并: no January alone, no 环比 across it


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    indicator: str
    org_unit: str
    sector: str | None
    period: Period
    value: Decimal | None  # 当期值 (month, quarter or year value; stocks: period-end level)
    ytd: Decimal | None  # 1–N月累计
    yoy: float | None  # 同比, percent
    ytd_yoy: float | None  # 累计同比, percent
    mom: float | None  # 环比, percent
    yoy_2y: float | None  # 两年平均增速, percent
    reasons: dict[str, str] = field(default_factory=dict)  # field → LedgerReason, if missing
    contributors: int = 0  # units whose figures make the value (1 = reported directly)
    unreviewed: bool = False  # built on a submitted (未审核) figure, admitted by the setting
