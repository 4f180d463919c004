"""Tier membership (企业梯次) in SQL, per year and org-unit subtree, and on a day for flags.

An enterprise sits in exactly one org unit, so a unit's members are the enterprises of its
whole subtree, parks included (no double counting is possible for counts of enterprises).
A flag counts on a day it is held: from ``valid_from`` (a flag without it: from the day the
registry recorded it, ``loaded_on``) to ``valid_to``, both inclusive.
"""

from __future__ import annotations

import re
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


_SCOPE = """
WITH RECURSIVE scope_units (id) AS (
    SELECT id FROM org_unit WHERE code = :org_unit
    UNION ALL
    SELECT o.id FROM org_unit o JOIN scope_units s ON o.parent_id = s.id
)
"""
_IN_SCOPE = """(:org_unit = '' OR e.org_unit_id IN (SELECT id FROM scope_units))
  AND (:sector = '' OR e.bio_category = :sector OR e.bio_category LIKE :sector || '.%')"""
_JOINS = """LEFT JOIN enterprise_year y ON y.enterprise_id = e.id AND y.year = :year
LEFT JOIN enterprise_year y1 ON y1.enterprise_id = e.id AND y1.year = :year - 1
LEFT JOIN enterprise_year y3 ON y3.enterprise_id = e.id AND y3.year = :year - 3"""
_BASE = (
    _SCOPE
    + """SELECT e.uscc, e.name, u.code AS org_unit, y.revenue
FROM enterprise e
LEFT JOIN org_unit u ON u.id = e.org_unit_id
"""
    + _JOINS
    + "\nWHERE "
    + _IN_SCOPE
    + """
  AND ({condition})
ORDER BY y.revenue DESC, e.uscc
"""
)

_COUNT = (
    _SCOPE
    + "SELECT COUNT(*) FROM enterprise e\n"
    + _JOINS
    + "\nWHERE "
    + _IN_SCOPE
    + "\n  AND ({condition})\n  AND {entered}\n"
)
_FLAG = (
    "EXISTS (SELECT 1 FROM enterprise_flag f WHERE f.enterprise_id = e.id AND f.flag = {name}"
    " AND COALESCE(f.valid_from, f.loaded_on) <= :at_day"
    " AND (f.valid_to IS NULL OR f.valid_to >= :at_day))"
)
_UNDATED = (
    _SCOPE
    + """
SELECT MIN(f.loaded_on) FROM enterprise_flag f JOIN enterprise e ON e.id = f.enterprise_id
WHERE f.flag IN :flags AND f.valid_from IS NULL AND f.loaded_on <= :at_day
  AND (f.valid_to IS NULL OR f.valid_to >= :at_day)
  AND """
    + _IN_SCOPE
)


def _condition(rule: TierRule, year: int) -> tuple[str, dict[str, object]]:
    """The SQL condition an enterprise ``e`` of the tier meets in ``year``, and its own
    parameters (the shared ones, :year, :at_day, :founded_*, are bound by :func:`_sql`)."""
    if rule.any_of:
        return _union(rule.any_of, year)
    if rule.every:
        return "(e.founded_on IS NULL OR e.founded_on <= :at_day)", {}
    if rule.flag is not None:
        return _FLAG.format(name=":flag"), {"flag": rule.flag}
    if rule.revenue_at_least is not None:
        return _revenue(rule)
    if rule.gazelle:
        return _gazelle(rule.gazelle)
    u = rule.unicorn
    condition = (
        "y.valuation >= :valuation AND y.valuation_unit = :valuation_unit AND e.founded_on >= :founded_max"
        " AND NOT " + _FLAG.format(name=":not_flag")
    )
    return condition, {
        "valuation": Decimal(str(u["valuation_at_least"])),
        "valuation_unit": str(u["valuation_unit"]),
        "not_flag": str(u["not_flag"]),
        "founded_max": date(year - int(u["max_age"]), 1, 1),
    }


def _union(rules: tuple[TierRule, ...], year: int) -> tuple[str, dict[str, object]]:
    """Members of any of ``rules``: their conditions OR-ed, each one's parameters renamed
    ``u<n>_…`` so that two rules' parameters (two flags) cannot collide. One row per
    enterprise, so a member of two tiers counts once."""
    conditions: list[str] = []
    params: dict[str, object] = {}
    for n, rule in enumerate(rules):
        condition, own = _condition(rule, year)
        conditions.append(f"({_renamed(condition, own, f'u{n}_')})")
        params |= {f"u{n}_{k}": v for k, v in own.items()}
    return " OR ".join(conditions), params


def _renamed(sql: str, params: dict[str, object], prefix: str) -> str:
    """``sql`` with each of ``params``' names written ``:<prefix><name>``."""
    return re.sub(r":(\w+)", lambda m: f":{prefix}{m[1]}" if m[1] in params else m[0], sql)


def _revenue(rule: TierRule) -> tuple[str, dict[str, object]]:
    condition = "y.revenue >= :threshold"
    params: dict[str, object] = {"threshold": rule.revenue_at_least}
    if rule.industry_divisions:
        condition += " AND substr(e.industry_code, 1, 2) BETWEEN :division_from AND :division_to"
        params |= {
            "division_from": rule.industry_divisions[0],
            "division_to": rule.industry_divisions[1],
        }
    return condition, params


def _gazelle(g: dict[str, Decimal]) -> tuple[str, dict[str, object]]:
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
    }


_IDS = "SELECT e.id FROM enterprise e\n" + _JOINS + "\nWHERE ({condition})\n"


_AMOUNTS = ("threshold", "first_revenue", "young10", "young5", "valuation")


def _sql(
    template: str, rule: TierRule, year: int, day: date | None, prefix: str = ""
) -> tuple[str, dict[str, object]]:
    """``template`` with ``rule``'s condition, and the parameters it uses; every parameter
    name (in the SQL and the mapping) begins with ``prefix``, so two can share a statement.
    Flags are judged on ``day`` (default: the last day of ``year``)."""
    condition, params = _condition(rule, year)
    params |= {
        "year": year,
        "at_day": day or date(year, 12, 31),
        "founded_15": date(year - 15, 1, 1),
        "founded_10": date(year - 10, 1, 1),
        "founded_5": date(year - 5, 1, 1),
    }
    sql = _renamed(template.format(condition=condition), params, prefix)
    return sql, {prefix + k: v for k, v in params.items() if f":{prefix}{k}" in sql}


def _typed(sql: str, params: dict[str, object]) -> TextClause:
    """``sql`` with ``params`` bound, amounts as exact decimals."""
    statement = text(sql)
    typed = [
        bindparam(name, type_=ExactDecimal())
        for name in params
        if any(name.endswith(amount) for amount in _AMOUNTS)
    ]
    if typed:
        statement = statement.bindparams(*typed)
    return statement.bindparams(**params)


def _statement(
    template: str, rule: TierRule, year: int, extra: dict[str, object], day: date | None = None
) -> TextClause:
    """``template`` with ``rule``'s condition and exactly the parameters the SQL uses, typed."""
    sql, params = _sql(template, rule, year, day)
    return _typed(sql, params | {k: v for k, v in extra.items() if f":{k}" in sql})


def members(
    connection: Connection,
    rule: TierRule,
    *,
    year: int,
    org_unit: str | None = None,
    sector: str | None = None,
    day: date | None = None,
) -> list[TierMember]:
    """Enterprises of ``rule``'s tier in ``year`` (ages counted at the end of ``year``; flags
    held on ``day``, by default the last day of ``year``)."""
    statement = _statement(
        _BASE, rule, year, {"org_unit": org_unit or "", "sector": sector or ""}, day
    ).columns(revenue=ExactDecimal())
    return [
        TierMember(r.uscc, r.name, r.org_unit, r.revenue) for r in connection.execute(statement)
    ]


@dataclass(frozen=True, slots=True)
class Since:
    """Members then, not counted again: the tier in ``year`` (flags held on ``day``)."""

    year: int
    day: date


def count(
    connection: Connection,
    rule: TierRule,
    *,
    year: int,
    day: date,
    org_unit: str | None = None,
    sector: str | None = None,
    since: Since | None = None,
) -> int:
    """How many enterprises are in ``rule``'s tier in ``year`` (flags held on ``day``); with
    ``since``, only those that entered it after then (members now that were not members then)."""
    entered = "1 = 1"
    extra: dict[str, object] = {"org_unit": org_unit or "", "sector": sector or ""}
    if since is not None:
        before, params = _sql(_IDS, rule, since.year, since.day, prefix="then_")
        entered = f"e.id NOT IN ({before})"
        extra |= params
    sql, params = _sql(_COUNT.replace("{entered}", entered), rule, year, day)
    return int(connection.execute(_typed(sql, params | extra)).scalar_one())


def undated_since(
    connection: Connection,
    rule: TierRule,
    *,
    day: date,
    org_unit: str | None = None,
    sector: str | None = None,
) -> date | None:
    """For a tier of flags (or a union with flags): the first day the registry recorded one of
    the flags without a start date that are counted on ``day`` in the scope (they count from
    that day); else None."""
    if not rule.flags:
        return None
    params = {"at_day": day, "org_unit": org_unit or "", "sector": sector or ""}
    statement = text(_UNDATED).bindparams(bindparam("flags", expanding=True))
    found = connection.execute(statement, {**params, "flags": list(rule.flags)}).scalar()
    if found is None or isinstance(found, date):
        return found
    return date.fromisoformat(str(found))


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
