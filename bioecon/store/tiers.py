"""Tier membership (企业梯次) in SQL, per year and org-unit subtree.

An enterprise sits in exactly one org unit, so a unit's members are the enterprises of its
whole subtree, parks included (no double counting is possible for counts of enterprises).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Connection, Integer, Subquery, TextClause, bindparam, func, select, text

from bioecon.domain.tiers import TierRule
from bioecon.store import tables as t
from bioecon.store.types import ExactDecimal


@dataclass(frozen=True, slots=True)
class TierMember:
    uscc: str
    name: str
    org_unit: str | None
    revenue: Decimal | None


_BASE = """
WITH RECURSIVE scope_units (id) AS (
    SELECT id FROM org_unit WHERE code = :org_unit
    UNION ALL
    SELECT o.id FROM org_unit o JOIN scope_units s ON o.parent_id = s.id
)
SELECT e.uscc, e.name, u.code AS org_unit, y.revenue
FROM enterprise e
LEFT JOIN org_unit u ON u.id = e.org_unit_id
LEFT JOIN enterprise_year y ON y.enterprise_id = e.id AND y.year = :year
LEFT JOIN enterprise_year y1 ON y1.enterprise_id = e.id AND y1.year = :year - 1
LEFT JOIN enterprise_year y3 ON y3.enterprise_id = e.id AND y3.year = :year - 3
WHERE (:org_unit = '' OR e.org_unit_id IN (SELECT id FROM scope_units))
  AND (:sector = '' OR e.bio_category = :sector OR e.bio_category LIKE :sector || '.%')
  AND ({condition})
ORDER BY y.revenue DESC, e.uscc
"""

_FLAG = "EXISTS (SELECT 1 FROM enterprise_flag f WHERE f.enterprise_id = e.id AND f.flag = {name})"


def _condition(rule: TierRule) -> tuple[str, dict[str, object]]:
    if rule.flag is not None:
        return _FLAG.format(name=":flag"), {"flag": rule.flag}
    if rule.revenue_at_least is not None:
        condition = "y.revenue >= :threshold"
        params: dict[str, object] = {"threshold": rule.revenue_at_least}
        if rule.industry_divisions:
            condition += (
                " AND substr(e.industry_code, 1, 2) BETWEEN :division_from AND :division_to"
            )
            params |= {
                "division_from": rule.industry_divisions[0],
                "division_to": rule.industry_divisions[1],
            }
        return condition, params
    if rule.gazelle:
        g = rule.gazelle
        growth = (1 + g["cagr3_at_least"]) ** 3
        condition = (
            "(e.founded_on >= :founded_15 AND y3.revenue > :first_revenue"
            " AND y.revenue >= y3.revenue * :growth3 AND y.revenue > y1.revenue)"
            " OR (e.founded_on >= :founded_10 AND y.revenue > :young10)"
            " OR (e.founded_on >= :founded_5 AND y.revenue > :young5)"
        )
        return condition, {
            "first_revenue": g["first_revenue_above"],
            "growth3": float(growth),
            "young10": g["young10_revenue_above"],
            "young5": g["young5_revenue_above"],
            "max_age": int(g["max_age"]),
        }
    u = rule.unicorn
    condition = (
        "y.valuation >= :valuation AND y.valuation_unit = :valuation_unit AND e.founded_on >= :founded_max"
        " AND NOT " + _FLAG.format(name=":not_flag")
    )
    return condition, {
        "valuation": Decimal(str(u["valuation_at_least"])),
        "valuation_unit": str(u["valuation_unit"]),
        "not_flag": str(u["not_flag"]),
        "max_age": int(u["max_age"]),
    }


_IDS = """
SELECT e.id FROM enterprise e
LEFT JOIN enterprise_year y ON y.enterprise_id = e.id AND y.year = :year
LEFT JOIN enterprise_year y1 ON y1.enterprise_id = e.id AND y1.year = :year - 1
LEFT JOIN enterprise_year y3 ON y3.enterprise_id = e.id AND y3.year = :year - 3
WHERE ({condition})
"""


def _statement(template: str, rule: TierRule, year: int, extra: dict[str, object]) -> TextClause:
    """``template`` with ``rule``'s condition and exactly the parameters the SQL uses, typed."""
    condition, params = _condition(rule)
    age = params.pop("max_age", 15)
    max_age = age if isinstance(age, int) else 15
    params |= extra | {
        "year": year,
        "founded_15": date(year - 15, 1, 1),
        "founded_10": date(year - 10, 1, 1),
        "founded_5": date(year - 5, 1, 1),
        "founded_max": date(year - max_age, 1, 1),
    }
    sql = template.format(condition=condition)
    statement = text(sql)
    typed = [
        bindparam(name, type_=ExactDecimal())
        for name in ("threshold", "first_revenue", "young10", "young5", "valuation")
        if name in params
    ]
    if typed:
        statement = statement.bindparams(*typed)
    return statement.bindparams(**{k: v for k, v in params.items() if f":{k}" in sql})


def members(
    connection: Connection,
    rule: TierRule,
    *,
    year: int,
    org_unit: str | None = None,
    sector: str | None = None,
) -> list[TierMember]:
    """Enterprises of ``rule``'s tier in ``year`` (ages counted at the end of ``year``)."""
    statement = _statement(
        _BASE, rule, year, {"org_unit": org_unit or "", "sector": sector or ""}
    ).columns(revenue=ExactDecimal())
    return [
        TierMember(r.uscc, r.name, r.org_unit, r.revenue) for r in connection.execute(statement)
    ]


def member_ids(rule: TierRule, *, year: int) -> Subquery:
    """The ids of ``rule``'s tier members in ``year``, as a subquery other queries filter on."""
    return _statement(_IDS, rule, year, {}).columns(id=Integer()).subquery("tier_members")


def latest_figure_year(connection: Connection, at_most: int | None = None) -> int | None:
    """The latest year (at or before ``at_most``, if given) with any enterprise figures."""
    query = select(func.max(t.enterprise_year.c.year))
    if at_most is not None:
        query = query.where(t.enterprise_year.c.year <= at_most)
    found = connection.execute(query).scalar()
    return int(found) if found is not None else None
