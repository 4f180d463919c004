"""Synthetic data for the benchmarks (模拟数据), deterministic by seed, as domain records.

The province (`bioecon bench ledger`): one province, ``cities`` cities, ``districts_per_city``
districts each, one park in every tenth district (not additive); ``indicators`` − 1 monthly
indicators reported as 1–N月累计 by every district and park for ``months`` months (one of them
a stock, 企业数, reported as 期末值); 50,000-scale enterprises with yearly revenue, which the
store sums into a yearly indicator ``ent_revenue``. The enterprise list (`bioecon bench
classify`): valid credit codes, a third with a bio code, a third with bio words only.

Nothing here writes: :mod:`bioecon.services.benchmark` stores what these functions return.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from stdnum.cn.uscc import calc_check_digit

from bioecon.classify.tables import load_tables
from bioecon.domain.model import (
    Enterprise,
    EnterpriseYear,
    Indicator,
    IndicatorNature,
    Observation,
    ObservationStatus,
    OrgLevel,
    OrgUnit,
    ReportingBasis,
)
from bioecon.domain.periods import Period

REPORTED_BY = "bench"
ROLLED_UP = "ent_revenue"  # yearly, summed from enterprise revenue by the store
SEASON = (0.75, 0.8, 1.0, 1.0, 1.0, 1.05, 1.0, 1.0, 1.05, 1.05, 1.1, 1.2)


@dataclass(frozen=True, slots=True)
class SyntheticShape:
    cities: int = 14
    districts_per_city: int = 10
    indicators: int = 12
    first_year: int = 2020
    months: int = 72
    enterprises: int = 50_000
    seed: int = 20251122


@dataclass(frozen=True, slots=True)
class SyntheticProvince:
    org_units: tuple[OrgUnit, ...]
    indicators: tuple[Indicator, ...]
    observations: tuple[Observation, ...]
    enterprises: tuple[tuple[Enterprise, tuple[EnterpriseYear, ...]], ...]

    @property
    def enterprise_years(self) -> int:
        return sum(len(years) for _, years in self.enterprises)


def scaled_shape(scale: float) -> SyntheticShape:
    """The full shape at scale 1 (≥ 150 org units, 50,000 enterprises, 72 months, 12 indicators)."""
    full = SyntheticShape()
    return SyntheticShape(
        cities=max(2, round(full.cities * scale)),
        districts_per_city=full.districts_per_city,
        enterprises=max(100, round(full.enterprises * scale)),
    )


def indicator_codes(shape: SyntheticShape) -> list[str]:
    return [f"ind{n:02d}" for n in range(1, shape.indicators)] + [ROLLED_UP]


def province(shape: SyntheticShape) -> SyntheticProvince:
    rng = random.Random(shape.seed)
    units = org_units(shape)
    reporters = reporting_units(units)
    indicators = tuple(_indicator(n, code) for n, code in enumerate(indicator_codes(shape), 1))
    observations = tuple(
        row
        for indicator in indicators[:-1]
        for code in reporters
        for row in _series(indicator, code, shape, rng)
    )
    districts = [code for code in reporters if not code.endswith("-P")]
    return SyntheticProvince(units, indicators, observations, _enterprises(shape, districts, rng))


def reporting_units(units: Sequence[OrgUnit]) -> list[str]:
    """The codes of the districts and parks (S-01-01, S-01-10-P): the units that report."""
    return [u.code for u in units if u.code.count("-") >= 2]


def org_units(shape: SyntheticShape) -> tuple[OrgUnit, ...]:
    """Parents first: S, S-01, S-01-01 … S-01-10, S-01-10-P, S-02 …"""
    units = [OrgUnit("S", "模拟省", OrgLevel.PROVINCE)]
    for c in range(1, shape.cities + 1):
        city = f"S-{c:02d}"
        units.append(OrgUnit(city, f"模拟市{c}", OrgLevel.CITY, parent="S"))
        for d in range(1, shape.districts_per_city + 1):
            district = f"{city}-{d:02d}"
            units.append(OrgUnit(district, f"模拟区{c}-{d}", OrgLevel.DISTRICT, parent=city))
            if d % 10 == 0:
                name = f"模拟园区{c}-{d}"
                units.append(
                    OrgUnit(f"{district}-P", name, OrgLevel.PARK, parent=district, additive=False)
                )
    return tuple(units)


def _indicator(n: int, code: str) -> Indicator:
    stock = n == 1  # ind01 is the stock (企业数)
    return Indicator(
        code=code,
        name=f"模拟指标{n}",
        unit="家" if stock else "万元",
        nature=IndicatorNature.STOCK if stock else IndicatorNature.FLOW,
        basis=ReportingBasis.PERIOD_END if stock else ReportingBasis.YTD,
        period_type="year" if code == ROLLED_UP else "month",
    )


def _series(
    indicator: Indicator, org_unit: str, shape: SyntheticShape, rng: random.Random
) -> Iterator[Observation]:
    """Growing, seasonal monthly figures: 期末值 for the stock, 1–N月累计 for the flows."""
    stock = indicator.nature is IndicatorNature.STOCK
    level = rng.uniform(50, 5000)
    growth = rng.uniform(-0.02, 0.18)
    ytd = Decimal(0)
    for m in range(shape.months):
        year, month0 = divmod(m, 12)
        if month0 == 0:
            ytd = Decimal(0)
        base = level * (1 + growth) ** (m / 12) * SEASON[month0] * rng.uniform(0.95, 1.05)
        if stock:
            value = Decimal(int(base))
        else:
            ytd += Decimal(f"{base:.2f}")
            value = ytd
        yield Observation(
            indicator=indicator.code,
            org_unit=org_unit,
            period=str(Period.month(shape.first_year + year, month0 + 1)),
            value=value,
            basis=indicator.basis,
            status=ObservationStatus.APPROVED,
            source="模拟数据 synthetic benchmark",
            reported_by=REPORTED_BY,
        )


def _enterprises(
    shape: SyntheticShape, districts: list[str], rng: random.Random
) -> tuple[tuple[Enterprise, tuple[EnterpriseYear, ...]], ...]:
    places = [rng.choice(districts) for _ in range(shape.enterprises)]
    years = range(shape.first_year, shape.first_year + shape.months // 12)
    out = []
    for n, place in enumerate(places):
        uscc = f"91{n:016d}"  # synthetic identifiers, not valid credit codes
        revenue = rng.uniform(500, 50_000)
        growth = rng.uniform(-0.05, 0.25)
        figures = []
        for year in years:
            figures.append(EnterpriseYear(uscc, year, revenue=Decimal(f"{revenue:.2f}")))
            revenue *= 1 + growth
        out.append((Enterprise(uscc, f"模拟企业{n}", place, "2710"), tuple(figures)))
    return tuple(out)


# --- the enterprise list of `bioecon bench classify` ------------------------------------------

_OTHER_CODES = ["5131", "5251", "6513", "7211", "4710", "2919", "3311", "1331", "5191", "7499"]
_GENERIC_SCOPE = [
    "技术开发、技术咨询、技术交流、技术转让、技术推广",
    "货物进出口；技术进出口",
    "日用百货销售",
    "第二类医疗器械销售",
    "企业管理咨询",
    "会议及展览服务",
    "软件开发",
    "物业管理",
    "普通货物仓储服务",
]


def enterprise_list(count: int, seed: int = 7) -> list[tuple[str, str, str | None, str]]:
    """(uscc, name, industry_code, business_scope) with valid credit codes: about a third with
    a bio code, a third with bio words in the scope only, a third neither (模拟数据)."""
    tables = load_tables()
    rng = random.Random(seed)
    bio_codes = sorted(tables.by_code)
    keywords = [word for words in tables.keywords.values() for word in words]
    rows = []
    for n in range(count):
        body = f"91{rng.choice(['430100', '320100', '220100', '310116', '429006'])}{n:08d}"
        body += "0123456789"[n % 10]
        uscc = body + calc_check_digit(body)
        kind = n % 3
        code: str | None = rng.choice(bio_codes) if kind == 0 else rng.choice(_OTHER_CODES)
        if kind == 1 and n % 2:
            code = None
        words = rng.sample(_GENERIC_SCOPE, 3)
        if kind != 2:
            words.insert(rng.randrange(4), rng.choice(keywords) + "；" + rng.choice(keywords))
        scope = "；".join(words) + "（依法须经批准的项目，经相关部门批准后方可开展经营活动）"
        rows.append((uscc, f"模拟企业{n}", code, scope))
    return rows
