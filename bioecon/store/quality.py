"""Data-quality checks (数据质量核查) as SQL the database executes, in the spirit of DHIS2's
validation rules and outlier analysis. Each query returns the offending rows only.

- parts exceed total: a unit's reported value is below the sum of its additive children's
  reported values for the same indicator, sector, period and basis; or below the sum of its
  outermost sectors (error);
- park exceeds its container: a park's or zone's (non-additive unit's) reported value is
  above the value its containing unit reports for the same indicator, sector, period and basis
  (warning: a part cannot exceed the whole);
- cumulative falls: a reported 1–N月累计 is below the previous reported 累计 of the same year
  (error: a flow's cumulative cannot fall);
- outliers: modified z-score (Iglewicz & Hoaglin) of the 同比 of a unit's own period values
  against that series' history, |0.6745·(x − median)/MAD| > the threshold (warning);
- implausible rates: a unit's 同比 or 环比 (of its period values, as the ledger derives them)
  beyond ±bound % (warning: bad data, such as a 当月值 of almost nothing from a wrong 累计);
- missing periods: gaps inside a series, and periods after its last report up to the as-of
  period (warning).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from sqlalchemy import Connection, Select, TextClause, bindparam, column, select, text

from bioecon.store import tables as t
from bioecon.store.ledger import NORMALIZE
from bioecon.store.orgunits import EVERYWHERE, Reach, reached
from bioecon.store.types import ExactDecimal


@dataclass(frozen=True, slots=True)
class QualityRow:
    check: str
    indicator: str
    org_unit: str
    sector: str
    year: int
    index: int
    period_type: str
    value: Decimal | None
    reference: Decimal | None  # the total exceeded, the previous 累计, …
    score: float | None  # the outlier's z-score; a gap's length
    detail: str | None


def _end_month(alias: str) -> str:
    """SQL for the month ordinal (year·12 + month) at which a row's period ends."""
    return (
        f"{alias}.year * 12 + {alias}.period_index * "
        f"CASE {alias}.period_type WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 ELSE 12 END"
    )


_PARTS_EXCEED_TOTAL = text(
    """
SELECT 'parts_exceed_total' AS check_name, i.code AS indicator, u.code AS org_unit,
       p.sector, p.year, p.period_index AS idx, p.period_type, s.total AS value,
       p.value AS reference, NULL AS score, p.basis || ': ' || CAST(s.n AS VARCHAR(10)) AS detail
FROM observation p
JOIN (
    SELECT ou.parent_id, c.indicator_id, c.sector, c.period, c.basis,
           SUM(c.value) AS total, COUNT(*) AS n
    FROM observation c JOIN org_unit ou ON ou.id = c.org_unit_id
    WHERE ou.additive AND ou.parent_id IS NOT NULL /* indicator c */
    GROUP BY ou.parent_id, c.indicator_id, c.sector, c.period, c.basis
) s ON s.parent_id = p.org_unit_id AND s.indicator_id = p.indicator_id AND s.sector = p.sector
   AND s.period = p.period AND s.basis = p.basis
JOIN indicator i ON i.id = p.indicator_id AND i.aggregation = 'sum'
JOIN org_unit u ON u.id = p.org_unit_id
WHERE s.total > p.value AND {p_end} <= :as_of_key /* indicator p */
UNION ALL
SELECT 'sectors_exceed_total', i.code, u.code, '', p.year, p.period_index, p.period_type,
       s.total, p.value, NULL, p.basis || ': ' || CAST(s.n AS VARCHAR(10))
FROM observation p
JOIN (
    SELECT c.org_unit_id, c.indicator_id, c.period, c.basis, SUM(c.value) AS total, COUNT(*) AS n
    FROM observation c
    WHERE c.sector <> '' /* indicator c */ AND NOT EXISTS (
        SELECT 1 FROM observation q
        WHERE q.org_unit_id = c.org_unit_id AND q.indicator_id = c.indicator_id
          AND q.period = c.period AND q.basis = c.basis AND q.sector <> ''
          AND c.sector LIKE q.sector || '.%')
    GROUP BY c.org_unit_id, c.indicator_id, c.period, c.basis
) s ON s.org_unit_id = p.org_unit_id AND s.indicator_id = p.indicator_id
   AND s.period = p.period AND s.basis = p.basis
JOIN indicator i ON i.id = p.indicator_id AND i.aggregation = 'sum'
JOIN org_unit u ON u.id = p.org_unit_id
WHERE p.sector = '' AND s.total > p.value AND {p_end} <= :as_of_key /* indicator p */
""".format(p_end=_end_month("p"))
)

_PARK_EXCEEDS_CONTAINER = text(
    """
SELECT 'park_exceeds_container' AS check_name, i.code AS indicator, u.code AS org_unit,
       p.sector, p.year, p.period_index AS idx, p.period_type, p.value, c.value AS reference,
       NULL AS score, cu.code AS detail
FROM observation p
JOIN org_unit u ON u.id = p.org_unit_id AND NOT u.additive AND u.parent_id IS NOT NULL
JOIN observation c ON c.org_unit_id = u.parent_id AND c.indicator_id = p.indicator_id
   AND c.sector = p.sector AND c.period = p.period AND c.basis = p.basis
JOIN org_unit cu ON cu.id = c.org_unit_id
JOIN indicator i ON i.id = p.indicator_id AND i.aggregation = 'sum'
WHERE p.value > c.value AND {p_end} <= :as_of_key /* indicator p */
""".format(p_end=_end_month("p"))
)

_CUMULATIVE_FALLS = text(
    """
SELECT 'cumulative_falls' AS check_name, i.code AS indicator, u.code AS org_unit, l.sector,
       l.year, l.period_index AS idx, l.period_type, l.value, l.prev_value AS reference,
       NULL AS score, l.prev_period AS detail
FROM (
    SELECT o.*, LAG(o.value) OVER w AS prev_value, LAG(o.period) OVER w AS prev_period
    FROM observation o
    WHERE o.basis = 'ytd' /* indicator o */
    WINDOW w AS (PARTITION BY o.indicator_id, o.org_unit_id, o.sector, o.period_type, o.year
                 ORDER BY o.period_index)
) l
JOIN indicator i ON i.id = l.indicator_id
JOIN org_unit u ON u.id = l.org_unit_id
WHERE l.value < l.prev_value AND {l_end} <= :as_of_key
""".format(l_end=_end_month("l"))
)

# Every unit's own period values (norm.pv, derived as the ledger derives them) of one period
# type, up to the due period: the start of the rate checks' statements.
_PERIOD_VALUES = (
    """
WITH
ind AS (SELECT id, nature, aggregation FROM indicator),
scoped AS (
    SELECT indicator_id, org_unit_id, sector, year, period_index, basis, value, 1 AS sectors
    FROM observation WHERE period_type = :period_type AND year * :per_year + period_index <= :as_of_idx
      /* indicator */ /* units */
),
"""
    + NORMALIZE
)

# The modified z-score of each 同比 in its series: the base a year back by LAG over the
# series of one period index (no self-join), the median and the MAD as window aggregates over
# each series' ranked rows (no join back to per-series aggregates): linear in the rows.
_OUTLIERS = text(
    _PERIOD_VALUES
    + """,
based AS (
    SELECT n.indicator_id, n.org_unit_id, n.sector, n.year, n.idx, n.pv,
           LAG(n.pv) OVER (PARTITION BY n.indicator_id, n.org_unit_id, n.sector, n.idx
                           ORDER BY n.year) AS pv_ly,
           LAG(n.year) OVER (PARTITION BY n.indicator_id, n.org_unit_id, n.sector, n.idx
                             ORDER BY n.year) AS year_ly
    FROM norm n
),
growth AS (
    SELECT indicator_id, org_unit_id, sector, year, idx, pv,
           (CAST(pv AS DOUBLE PRECISION) / CAST(pv_ly AS DOUBLE PRECISION) - 1) * 100 AS g
    FROM based
    WHERE year_ly = year - 1 AND pv IS NOT NULL AND pv_ly IS NOT NULL AND pv_ly > 0 AND pv >= 0
),
ranked AS (
    SELECT growth.*,
           ROW_NUMBER() OVER (PARTITION BY indicator_id, org_unit_id, sector ORDER BY g) AS rn,
           COUNT(*) OVER (PARTITION BY indicator_id, org_unit_id, sector) AS cnt
    FROM growth
),
centred AS (
    SELECT ranked.*,
           AVG(CASE WHEN rn IN ((cnt + 1) / 2, (cnt + 2) / 2) THEN g END)
               OVER (PARTITION BY indicator_id, org_unit_id, sector) AS median
    FROM ranked
),
deviation AS (
    SELECT centred.*, ABS(g - median) AS d,
           ROW_NUMBER() OVER (PARTITION BY indicator_id, org_unit_id, sector
                              ORDER BY ABS(g - median)) AS rd
    FROM centred
),
spread AS (
    SELECT deviation.*,
           AVG(CASE WHEN rd IN ((cnt + 1) / 2, (cnt + 2) / 2) THEN d END)
               OVER (PARTITION BY indicator_id, org_unit_id, sector) AS mad
    FROM deviation
),
scored AS (
    SELECT spread.*, 0.6745 * (g - median) / mad AS z
    FROM spread
    WHERE mad > 0 AND cnt >= :min_points
)
SELECT 'outlier' AS check_name, i.code AS indicator, u.code AS org_unit, s.sector, s.year,
       s.idx, :period_type AS period_type, s.pv AS value, CAST(NULL AS NUMERIC) AS reference, s.z AS score,
       CAST(s.g AS VARCHAR(40)) AS detail
FROM scored s
JOIN indicator i ON i.id = s.indicator_id
JOIN org_unit u ON u.id = s.org_unit_id
WHERE ABS(s.z) > :threshold
"""
)

# 同比 against the same period a year back, 环比 against the period before (none for years,
# where it would repeat 同比): window functions over each series, no self-join.
_IMPLAUSIBLE_RATES = text(
    _PERIOD_VALUES
    + """,
lagged_values AS (
    SELECT n.indicator_id, n.org_unit_id, n.sector, n.year, n.idx, n.pv,
           LAG(n.pv) OVER (PARTITION BY n.indicator_id, n.org_unit_id, n.sector, n.idx
                           ORDER BY n.year) AS pv_ly,
           LAG(n.year) OVER (PARTITION BY n.indicator_id, n.org_unit_id, n.sector, n.idx
                             ORDER BY n.year) AS year_ly,
           LAG(n.pv) OVER series AS pv_prev,
           LAG(n.year * :per_year + n.idx) OVER series AS ord_prev
    FROM norm n
    WINDOW series AS (PARTITION BY n.indicator_id, n.org_unit_id, n.sector ORDER BY n.year, n.idx)
),
rates AS (
    SELECT l.*, 'yoy' AS rate_name,
           (CAST(l.pv AS DOUBLE PRECISION) / CAST(l.pv_ly AS DOUBLE PRECISION) - 1) * 100 AS rate
    FROM lagged_values l
    WHERE l.year_ly = l.year - 1 AND l.pv IS NOT NULL AND l.pv_ly > 0
    UNION ALL
    SELECT l.*, 'mom',
           (CAST(l.pv AS DOUBLE PRECISION) / CAST(l.pv_prev AS DOUBLE PRECISION) - 1) * 100
    FROM lagged_values l
    WHERE :per_year > 1 AND l.ord_prev = l.year * :per_year + l.idx - 1
      AND l.pv IS NOT NULL AND l.pv_prev > 0
)
SELECT 'implausible_rate' AS check_name, i.code AS indicator, u.code AS org_unit, r.sector,
       r.year, r.idx, :period_type AS period_type, r.pv AS value,
       CASE r.rate_name WHEN 'yoy' THEN r.pv_ly ELSE r.pv_prev END AS reference,
       r.rate AS score, r.rate_name AS detail
FROM rates r
JOIN indicator i ON i.id = r.indicator_id
JOIN org_unit u ON u.id = r.org_unit_id
WHERE ABS(r.rate) > :bound
"""
)

_MISSING_PERIODS = text(
    """
WITH series AS (
    SELECT DISTINCT indicator_id, org_unit_id, sector, year * :per_year + period_index AS ord
    FROM observation
    WHERE period_type = :period_type AND year * :per_year + period_index <= :as_of_idx
      /* indicator */ /* units */
),
gaps AS (
    SELECT indicator_id, org_unit_id, sector, ord,
           LAG(ord) OVER (PARTITION BY indicator_id, org_unit_id, sector ORDER BY ord) AS prev_ord
    FROM series
),
found AS (
    SELECT indicator_id, org_unit_id, sector, prev_ord + 1 AS first_missing, ord - prev_ord - 1 AS n
    FROM gaps WHERE ord - prev_ord > 1
    UNION ALL
    SELECT indicator_id, org_unit_id, sector, MAX(ord) + 1, :as_of_idx - MAX(ord)
    FROM series GROUP BY indicator_id, org_unit_id, sector
    HAVING MAX(ord) < :as_of_idx
)
SELECT 'missing_periods' AS check_name, i.code AS indicator, u.code AS org_unit, f.sector,
       (f.first_missing - 1) / :per_year AS year, (f.first_missing - 1) % :per_year + 1 AS idx,
       :period_type AS period_type, CAST(NULL AS NUMERIC) AS value, CAST(NULL AS NUMERIC) AS reference, f.n AS score, NULL AS detail
FROM found f
JOIN indicator i ON i.id = f.indicator_id
JOIN org_unit u ON u.id = f.org_unit_id
"""
)


_FINDING = (
    "check_name", "indicator", "org_unit", "sector", "year", "idx", "period_type", "value",
    "reference", "score", "detail",
)  # fmt: skip
"""The columns every check's statement selects, in this order."""


@dataclass(frozen=True, slots=True)
class Narrowed:
    """The checks of one indicator (by id) whose findings are on the org units ``org_units``
    (by id): what a page shows, without checking the whole ledger. Each check reads only the
    indicator's observations; the checks of a unit's own series (rates, outliers, gaps) read
    only those units' observations, since a finding there depends on nothing else."""

    indicator_id: int
    org_unit_ids: tuple[int, ...]


@cache
def _narrowed(statement: TextClause) -> TextClause:
    """``statement`` with its markers replaced by the filters of :class:`Narrowed`."""
    sql = statement.text
    for alias in ("c", "p", "o"):
        sql = sql.replace(f"/* indicator {alias} */", f"AND {alias}.indicator_id = :indicator_id")
    sql = sql.replace("/* indicator */", "AND indicator_id = :indicator_id")
    if "/* units */" not in sql:
        return text(sql)
    sql = sql.replace("/* units */", "AND org_unit_id IN :org_unit_ids")
    return text(sql).bindparams(bindparam("org_unit_ids", expanding=True))


def _within(
    statement: TextClause, reach: Reach, narrowed: Narrowed | None
) -> Select[tuple[object, ...]]:
    """The findings of ``statement`` on the org units of ``reach`` (a subquery over the tree),
    and of ``narrowed``'s units only when given."""
    if narrowed is not None:
        statement = _narrowed(statement)
    typed = {"value": ExactDecimal(), "reference": ExactDecimal()}
    finding = statement.columns(*(column(n, typed.get(n)) for n in _FINDING)).subquery("finding")
    units = select(t.org_unit.c.code).where(reached(t.org_unit.c.id, reach))
    if narrowed is not None:
        units = units.where(t.org_unit.c.id.in_(narrowed.org_unit_ids))
    return select(finding).where(finding.c.org_unit.in_(units))


def _rows(
    connection: Connection,
    statement: TextClause,
    params: dict[str, object],
    reach: Reach,
    narrowed: Narrowed | None,
) -> list[QualityRow]:
    if narrowed is not None:
        params = {
            **params,
            "indicator_id": narrowed.indicator_id,
            "org_unit_ids": list(narrowed.org_unit_ids),
        }
    result = connection.execute(_within(statement, reach, narrowed), params)
    return [
        QualityRow(
            check=r.check_name,
            indicator=r.indicator,
            org_unit=r.org_unit,
            sector=r.sector,
            year=int(r.year),
            index=int(r.idx),
            period_type=r.period_type,
            value=r.value,
            reference=r.reference,
            score=float(r.score) if r.score is not None else None,
            detail=r.detail,
        )
        for r in result
    ]


def run_checks(
    connection: Connection,
    *,
    as_of: tuple[int, int],
    outlier_threshold: float,
    outlier_min_points: int,
    rate_bound: float,
    reach: Reach = EVERYWHERE,
    narrowed: Narrowed | None = None,
) -> list[QualityRow]:
    """Every finding on the org units of ``reach`` up to the month ``as_of`` (year, month);
    with ``narrowed``, only those of its indicator and org units."""
    year, month = as_of
    found: list[QualityRow] = []
    for statement in (_PARTS_EXCEED_TOTAL, _PARK_EXCEEDS_CONTAINER, _CUMULATIVE_FALLS):
        found += _rows(connection, statement, {"as_of_key": year * 12 + month}, reach, narrowed)
    for period_type, per_year, index in (
        ("month", 12, month),
        ("quarter", 4, (month - 1) // 3 + 1),
        ("year", 1, 1),
    ):
        # only complete periods count as due: the quarter or year containing as_of is due only at its end
        due = year * per_year + index - (0 if month % (12 // per_year) == 0 else 1)
        params = {"period_type": period_type, "per_year": per_year, "as_of_idx": due}
        outlier_params = {
            **params,
            "threshold": outlier_threshold,
            "min_points": outlier_min_points,
        }
        found += _rows(connection, _OUTLIERS, outlier_params, reach, narrowed)
        found += _rows(
            connection, _IMPLAUSIBLE_RATES, {**params, "bound": rate_bound}, reach, narrowed
        )
        found += _rows(connection, _MISSING_PERIODS, params, reach, narrowed)
    return found


def statements(*, narrowed: bool) -> dict[str, TextClause]:
    """Each check's statement by name, as :func:`run_checks` runs it (for its query plan:
    tests/store/test_linear_plans.py)."""
    named = {
        "parts_exceed_total": _PARTS_EXCEED_TOTAL,
        "park_exceeds_container": _PARK_EXCEEDS_CONTAINER,
        "cumulative_falls": _CUMULATIVE_FALLS,
        "outlier": _OUTLIERS,
        "implausible_rate": _IMPLAUSIBLE_RATES,
        "missing_periods": _MISSING_PERIODS,
    }
    return {k: _narrowed(v) if narrowed else v for k, v in named.items()}


def latest_month(connection: Connection, reach: Reach = EVERYWHERE) -> tuple[int, int] | None:
    """(year, month) at which the latest period reported for an org unit of ``reach`` ends,
    or None for an empty ledger."""
    o = t.observation.alias("o")
    query = select(text(f"MAX({_end_month('o')})")).select_from(o)
    found = connection.execute(query.where(reached(o.c.org_unit_id, reach))).scalar()
    if found is None:
        return None
    year, month0 = divmod(int(found) - 1, 12)
    return year, month0 + 1


def latest_month_of_plan(
    connection: Connection, plan_code: str, reach: Reach = EVERYWHERE
) -> tuple[int, int] | None:
    """(year, month) of the latest period reported for any org unit the plan declares, of
    those in ``reach``."""
    o, link, plan = t.observation.alias("o"), t.plan_org_unit, t.plan
    query = (
        select(text(f"MAX({_end_month('o')})"))
        .select_from(o)
        .join(link, link.c.org_unit_id == o.c.org_unit_id)
        .join(plan, plan.c.id == link.c.plan_id)
        .where((plan.c.code == plan_code) & reached(o.c.org_unit_id, reach))
    )
    found = connection.execute(query).scalar()
    if found is None:
        return None
    year, month0 = divmod(int(found) - 1, 12)
    return year, month0 + 1
