"""Synthetic province-scale data for benchmarks (模拟数据): bulk writes, deterministic by seed.

Shape: one province, ``cities`` cities, ``districts_per_city`` districts each, one park in
every tenth district (not additive); ``indicators`` − 1 monthly indicators reported as 1–N月累计
by every district and park for ``months`` months (one of them a stock, 企业数); 50,000-scale
enterprises with yearly revenue, rolled up in SQL into a yearly indicator ``ent_revenue``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import Connection, func, insert, select, text

from bioecon.store import tables as t


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
class SyntheticSummary:
    org_units: int
    indicators: int
    observations: int
    enterprises: int
    enterprise_years: int


def indicator_codes(shape: SyntheticShape) -> list[str]:
    return [f"ind{n:02d}" for n in range(1, shape.indicators)] + ["ent_revenue"]


def org_unit_codes(connection: Connection) -> list[str]:
    return [r[0] for r in connection.execute(select(t.org_unit.c.code).order_by(t.org_unit.c.code))]


def generate(connection: Connection, shape: SyntheticShape) -> SyntheticSummary:
    """Write the synthetic world into an empty, migrated database."""
    rng = random.Random(shape.seed)
    now = datetime.now(UTC)
    org_ids = _org_units(connection, shape)
    reporters = [(code, oid) for code, oid in org_ids.items() if code.count("-") >= 2]
    codes = indicator_codes(shape)
    indicator_rows = [
        {
            "code": code,
            "name": f"模拟指标{n}",
            "unit": "家" if n == 1 else "万元",
            "nature": "stock" if n == 1 else "flow",
            "basis": "period_end" if n == 1 else "ytd",
            "period_type": "year" if code == "ent_revenue" else "month",
            "aggregation": "sum",
        }
        for n, code in enumerate(codes, start=1)
    ]
    connection.execute(insert(t.indicator), indicator_rows)
    indicator_ids = {
        r.code: r.id for r in connection.execute(select(t.indicator.c.code, t.indicator.c.id))
    }
    season = [0.75, 0.8, 1.0, 1.0, 1.0, 1.05, 1.0, 1.0, 1.05, 1.05, 1.1, 1.2]
    batch: list[dict[str, object]] = []
    count = 0
    for code in codes[:-1]:
        stock = indicator_rows[codes.index(code)]["nature"] == "stock"
        for _, oid in reporters:
            level = rng.uniform(50, 5000)
            growth = rng.uniform(-0.02, 0.18)
            ytd = Decimal(0)
            for m in range(shape.months):
                year, month0 = divmod(m, 12)
                year += shape.first_year
                if month0 == 0:
                    ytd = Decimal(0)
                base = level * (1 + growth) ** (m / 12) * season[month0] * rng.uniform(0.95, 1.05)
                if stock:
                    value = Decimal(int(base))
                else:
                    ytd += Decimal(f"{base:.2f}")
                    value = ytd
                batch.append(
                    {
                        "indicator_id": indicator_ids[code],
                        "org_unit_id": oid,
                        "sector": "",
                        "period": f"{year:04d}-{month0 + 1:02d}",
                        "period_type": "month",
                        "year": year,
                        "period_index": month0 + 1,
                        "basis": "period_end" if stock else "ytd",
                        "value": value,
                        "status": "approved",
                        "source": "模拟数据 synthetic benchmark",
                        "reported_by": "bench",
                        "reported_at": now,
                    }
                )
                if len(batch) >= 20_000:
                    connection.execute(insert(t.observation), batch)
                    count += len(batch)
                    batch = []
    if batch:
        connection.execute(insert(t.observation), batch)
        count += len(batch)
    enterprise_years = _enterprises(connection, shape, reporters, rng)
    count += roll_up_enterprise_revenue(connection, indicator_ids["ent_revenue"], now)
    return SyntheticSummary(len(org_ids), len(codes), count, shape.enterprises, enterprise_years)


def _org_units(connection: Connection, shape: SyntheticShape) -> dict[str, int]:
    ids: dict[str, int] = {}

    def add(code: str, name: str, level: str, parent: str | None, additive: bool = True) -> None:
        ids[code] = connection.execute(
            insert(t.org_unit)
            .values(
                code=code,
                name=name,
                level=level,
                parent_id=ids.get(parent or ""),
                additive=additive,
            )
            .returning(t.org_unit.c.id)
        ).scalar_one()

    add("S", "模拟省", "province", None)
    for c in range(1, shape.cities + 1):
        city = f"S-{c:02d}"
        add(city, f"模拟市{c}", "city", "S")
        for d in range(1, shape.districts_per_city + 1):
            district = f"{city}-{d:02d}"
            add(district, f"模拟区{c}-{d}", "district", city)
            if d % 10 == 0:
                add(f"{district}-P", f"模拟园区{c}-{d}", "park", district, additive=False)
    return ids


def _enterprises(
    connection: Connection,
    shape: SyntheticShape,
    reporters: list[tuple[str, int]],
    rng: random.Random,
) -> int:
    districts = [oid for code, oid in reporters if not code.endswith("-P")]
    rows = [
        {
            "uscc": f"91{n:016d}",  # synthetic identifiers, not valid credit codes
            "name": f"模拟企业{n}",
            "org_unit_id": rng.choice(districts),
            "industry_code": "2710",
            "industry_code_edition": "GB/T 4754-2017",
        }
        for n in range(shape.enterprises)
    ]
    for offset in range(0, len(rows), 20_000):
        connection.execute(insert(t.enterprise), rows[offset : offset + 20_000])
    ids = [r[0] for r in connection.execute(select(t.enterprise.c.id).order_by(t.enterprise.c.id))]
    years = range(shape.first_year, shape.first_year + shape.months // 12)
    figures = []
    for eid in ids:
        revenue = rng.uniform(500, 50_000)
        growth = rng.uniform(-0.05, 0.25)
        for year in years:
            figures.append(
                {"enterprise_id": eid, "year": year, "revenue": Decimal(f"{revenue:.2f}")}
            )
            revenue *= 1 + growth
    for offset in range(0, len(figures), 50_000):
        connection.execute(insert(t.enterprise_year), figures[offset : offset + 50_000])
    return len(figures)


def roll_up_enterprise_revenue(connection: Connection, indicator_id: int, now: datetime) -> int:
    """企业营业收入 summed by org unit and year, in SQL, into the ledger (1–12月累计)."""
    statement = text(
        """
        INSERT INTO observation (indicator_id, org_unit_id, sector, period, period_type, year,
                                 period_index, basis, value, status, source, reported_by, reported_at)
        SELECT :indicator_id, e.org_unit_id, '', CAST(y.year AS VARCHAR(4)), 'year', y.year, 1, 'ytd',
               SUM(y.revenue), 'approved', '模拟数据 enterprise roll-up', 'bench', :now
        FROM enterprise_year y JOIN enterprise e ON e.id = y.enterprise_id
        WHERE y.revenue IS NOT NULL AND e.org_unit_id IS NOT NULL
        GROUP BY e.org_unit_id, y.year
        """
    )
    connection.execute(statement, {"indicator_id": indicator_id, "now": now})
    counted = connection.execute(
        select(func.count())
        .select_from(t.observation)
        .where(t.observation.c.indicator_id == indicator_id)
    ).scalar_one()
    return int(counted)


def observation_rows(connection: Connection) -> list[tuple[object, ...]]:
    """Every observation as plain tuples, for the pandas baseline: what a user's script reads."""
    o = t.observation
    query = (
        select(
            t.indicator.c.code,
            t.org_unit.c.code,
            o.c.period_type,
            o.c.year,
            o.c.period_index,
            o.c.basis,
            o.c.value,
        )
        .join(t.indicator, t.indicator.c.id == o.c.indicator_id)
        .join(t.org_unit, t.org_unit.c.id == o.c.org_unit_id)
    )
    return [tuple(r) for r in connection.execute(query)]


def org_unit_tree(connection: Connection) -> list[tuple[str, str | None, bool]]:
    parent = t.org_unit.alias("parent")
    rows = connection.execute(
        select(t.org_unit.c.code, parent.c.code, t.org_unit.c.additive).outerjoin(
            parent, parent.c.id == t.org_unit.c.parent_id
        )
    )
    return [(r[0], r[1], bool(r[2])) for r in rows]
