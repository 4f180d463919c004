"""The ledger derivation (台账推算), executed by the database as one SQL statement.

Written once in SQL that SQLite (≥ 3.28) and PostgreSQL both run: recursive CTEs, window
functions, CASE. Python only binds parameters and reads the result rows. The steps:

1. ``obs``: each reporting unit's reported values per period, one column per basis.
2. ``norm``: its month value (当月值: reported, else 累计 minus the previous period's 累计,
   which must be the adjacent period) and its 累计 (reported, else the running sum of a
   complete run of period values from the year's first period).
3. ``up``: every unit's figures climb the tree in a recursive CTE. A figure passes from a
   unit to its parent when the unit is *additive* and the parent reported nothing for that
   indicator, sector and period: a reported figure wins over its children's sum for the
   periods it reports only, and a park (non-additive) is never added into its district.
   Indicators with aggregation ``none`` do not climb. Marker rows climb the same way, to
   count contributors: one per reporting unit-year and period, except where the unit did
   not report that period and additive descendants did (``covered``; its figure there is
   their roll-up). Only observations of the admitted statuses are read.
   (Carrying the values up avoids joining a contributor list to the values: neither
   engine can estimate that join's size, and PostgreSQL then nests loops for seconds.)
   Whether the parent reported is looked up on the observations' index (indicator, org unit,
   period) for each climbing row: against a CTE of the reported periods, which PostgreSQL
   estimates at a row or two, it nested a loop that read that CTE whole per row (issue #20).
4. ``rolled``/``totals``: the sum at each requested unit; missing when any contributor
   lacks the period (``incomplete``), never a partial sum.
5. ``grid``: optionally regrouped to quarters or years (flows: 累计 at the period's end minus
   累计 at the previous period's end, else the sum of complete months; 累计 at the period's
   last month; stocks: the value at the period's last month).
6. growth: 同比 and 累计同比 against the same period last year, 环比 against the adjacent
   period, 两年平均增速 (geometric, on 累计, else on the period value for stocks and
   year-type series; the year between may be missing). A rate whose value or base is missing or whose base is zero is
   NULL, with the reason in its own column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, TextClause, bindparam, text

from bioecon.store.types import ExactDecimal


@dataclass(frozen=True, slots=True)
class LedgerRow:
    indicator_id: int
    org_unit_id: int
    sector: str
    year: int
    index: int  # period index on the output grid
    value: Decimal | None
    ytd: Decimal | None
    yoy: float | None
    ytd_yoy: float | None
    mom: float | None
    yoy_2y: float | None
    unreviewed: bool
    value_reason: str | None
    ytd_reason: str | None
    yoy_reason: str | None
    ytd_yoy_reason: str | None
    mom_reason: str | None
    yoy_2y_reason: str | None
    contributors: int


# Percent change of :a over :b; NULL when either is NULL or :b is zero.
def _rate(a: str, b: str) -> str:
    return (
        f"CASE WHEN {a} IS NOT NULL AND {b} IS NOT NULL AND {b} <> 0 THEN "
        f"(CAST({a} AS DOUBLE PRECISION) / CAST({b} AS DOUBLE PRECISION) - 1) * 100 END"
    )


def _reason(value: str, base: str, adjacent: str) -> str:
    return (
        f"CASE WHEN {value} IS NULL THEN 'value_missing' "
        f"WHEN NOT ({adjacent}) OR {base} IS NULL THEN 'base_missing' "
        f"WHEN {base} = 0 THEN 'base_zero' END"
    )


# From a CTE ``scoped`` (indicator_id, org_unit_id, sector, year, period_index, basis, value,
# sectors: how many sector rows make one figure) and ``ind`` (id, nature, aggregation): each unit's period value ``pv`` and
# 累计 ``ytd`` per (indicator, org unit, sector, year, idx) in CTE ``norm``. Shared with the
# data-quality checks (bioecon.store.quality).
_NORMALIZE = """
lagged AS (
    SELECT indicator_id, org_unit_id, sector, year, period_index AS idx,{lagged}
           CASE WHEN COUNT(CASE WHEN basis = 'month_value' THEN 1 END) = MAX(sectors)
                THEN SUM(CASE WHEN basis = 'month_value' THEN value END) END AS mv,
           CASE WHEN COUNT(CASE WHEN basis = 'ytd' THEN 1 END) = MAX(sectors)
                THEN SUM(CASE WHEN basis = 'ytd' THEN value END) END AS ytd_r,
           CASE WHEN COUNT(CASE WHEN basis = 'period_end' THEN 1 END) = MAX(sectors)
                THEN SUM(CASE WHEN basis = 'period_end' THEN value END) END AS pe,
           LAG(CASE WHEN COUNT(CASE WHEN basis = 'ytd' THEN 1 END) = MAX(sectors)
                    THEN SUM(CASE WHEN basis = 'ytd' THEN value END) END) OVER w AS ytd_prev,
           LAG(period_index) OVER w AS idx_prev
    FROM scoped
    GROUP BY indicator_id, org_unit_id, sector, year, period_index
    WINDOW w AS (PARTITION BY indicator_id, org_unit_id, sector, year ORDER BY period_index)
),
with_value AS (
    SELECT l.indicator_id, l.org_unit_id, l.sector, l.year, l.idx, l.ytd_r, i.nature,{carried}
           CASE WHEN i.nature = 'stock' THEN l.pe
                ELSE COALESCE(l.mv, CASE WHEN l.idx = 1 THEN l.ytd_r
                                         WHEN l.idx_prev = l.idx - 1 THEN l.ytd_r - l.ytd_prev END)
           END AS pv
    FROM lagged l JOIN ind i ON i.id = l.indicator_id
),
norm AS (
    SELECT indicator_id, org_unit_id, sector, year, idx, pv,{cumulated}
           CASE WHEN nature = 'stock' THEN NULL
                ELSE COALESCE(ytd_r, CASE WHEN COUNT(pv) OVER w = idx THEN SUM(pv) OVER w END)
           END AS ytd
    FROM with_value
    WINDOW w AS (PARTITION BY indicator_id, org_unit_id, sector, year ORDER BY idx
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
"""
NORMALIZE = _NORMALIZE.format(lagged="", carried="", cumulated="")
# The ledger's variant also carries ``unrev`` (1: built on a figure not approved), from the
# period's rows and every earlier one of the year (a 累计 depends on them).
_NORMALIZE_FLAGGED = _NORMALIZE.format(
    lagged="\n           MAX(unrev) AS unrev,",
    carried=" l.unrev,",
    cumulated="\n           MAX(unrev) OVER w AS unrev,",
)

# The canonical text of a native period (observation.period: 2025-06, 2025Q2, 2025), so that a
# parent's report is looked up on the index (indicator, org unit, period).
_PERIOD_TEXT = (
    "CASE :period_type "
    "WHEN 'month' THEN CAST({year} AS VARCHAR(4)) || '-' "
    "|| CASE WHEN {idx} < 10 THEN '0' ELSE '' END || CAST({idx} AS VARCHAR(2)) "
    "WHEN 'quarter' THEN CAST({year} AS VARCHAR(4)) || 'Q' || CAST({idx} AS VARCHAR(1)) "
    "ELSE CAST({year} AS VARCHAR(4)) END"
)

_SQL = """
WITH RECURSIVE
ind AS (
    SELECT id, nature, aggregation,
           CASE WHEN jan_feb_combined AND :per_year = 12 THEN 1 ELSE 0 END AS jf
    FROM indicator WHERE id IN :indicator_ids
),
month_value_years AS (
    SELECT DISTINCT indicator_id, org_unit_id, sector, year
    FROM observation
    WHERE indicator_id IN :indicator_ids AND year BETWEEN :first_year AND :last_year
      AND period_type = :period_type AND (sector = :sector OR :sector = '')
      AND basis = 'month_value' AND status IN :statuses
),
own AS (
    SELECT o.indicator_id, o.org_unit_id, o.sector, o.year, o.period_index, o.basis, o.value,
           CASE WHEN o.status = 'approved' THEN 0 ELSE 1 END AS unrev
    FROM observation o
    WHERE o.indicator_id IN :indicator_ids AND o.year BETWEEN :first_year AND :last_year
      AND o.period_type = :period_type AND (o.sector = :sector OR :sector = '')
      AND o.status IN :statuses
      AND (o.year * :native_per_year + o.period_index IN :needed_native
           OR EXISTS (
               SELECT 1 FROM month_value_years m
               WHERE m.indicator_id = o.indicator_id AND m.org_unit_id = o.org_unit_id
                 AND m.sector = o.sector AND m.year = o.year))
),
scoped AS (
    SELECT indicator_id, org_unit_id, sector, year, period_index, basis, value, unrev,
           1 AS sectors
    FROM own WHERE sector = :sector
    UNION ALL
    SELECT indicator_id, org_unit_id, '', year, period_index, basis, value, unrev,
           MAX(sector_rank) OVER (PARTITION BY indicator_id, org_unit_id, year) AS sectors
    FROM (
        SELECT o.*, DENSE_RANK() OVER (PARTITION BY o.indicator_id, o.org_unit_id, o.year
                                       ORDER BY o.sector) AS sector_rank
        FROM own o
        WHERE :sector = '' AND o.sector <> ''
          AND NOT EXISTS (
              SELECT 1 FROM own t
              WHERE t.indicator_id = o.indicator_id AND t.org_unit_id = o.org_unit_id
                AND t.year = o.year AND t.sector = '')
          AND NOT EXISTS (
              SELECT 1 FROM own p
              WHERE p.indicator_id = o.indicator_id AND p.org_unit_id = o.org_unit_id
                AND p.year = o.year AND p.sector <> '' AND o.sector LIKE p.sector || '.%')
    ) outermost
),
{normalize}reported AS (
    SELECT DISTINCT indicator_id, org_unit_id, :sector AS sector, year
    FROM observation
    WHERE indicator_id IN :indicator_ids AND year BETWEEN :first_year AND :last_year
      AND period_type = :period_type AND (sector = :sector OR :sector = '')
      AND status IN :statuses
),
reported_at AS (
    SELECT DISTINCT indicator_id, org_unit_id, :sector AS sector, year, period_index AS idx
    FROM observation
    WHERE indicator_id IN :indicator_ids AND year BETWEEN :first_year AND :last_year
      AND period_type = :period_type AND (sector = :sector OR :sector = '')
      AND status IN :statuses AND year * :native_per_year + period_index IN :needed_native
),
covered (org_unit_id, indicator_id, sector, year) AS (
    SELECT u.parent_id, r.indicator_id, r.sector, r.year
    FROM reported r
    JOIN org_unit u ON u.id = r.org_unit_id
    JOIN ind i ON i.id = r.indicator_id
    WHERE u.additive AND u.parent_id IS NOT NULL AND i.aggregation = 'sum'
    UNION
    SELECT u.parent_id, c.indicator_id, c.sector, c.year
    FROM covered c
    JOIN org_unit u ON u.id = c.org_unit_id
    WHERE u.additive AND u.parent_id IS NOT NULL
),
native (idx) AS (
    SELECT 1 UNION ALL SELECT idx + 1 FROM native WHERE idx < :native_per_year
),
markers AS (
    SELECT r.org_unit_id, r.indicator_id, r.sector, r.year, n.idx
    FROM reported r CROSS JOIN native n
    WHERE r.year * :per_year + (n.idx - 1) / :step + 1 IN :needed_ords
      AND (EXISTS (SELECT 1 FROM reported_at a
                   WHERE a.indicator_id = r.indicator_id AND a.org_unit_id = r.org_unit_id
                     AND a.sector = r.sector AND a.year = r.year AND a.idx = n.idx)
           OR NOT EXISTS (SELECT 1 FROM covered c
                          WHERE c.indicator_id = r.indicator_id
                            AND c.org_unit_id = r.org_unit_id
                            AND c.sector = r.sector AND c.year = r.year))
),
up (target, indicator_id, sector, year, idx, pv, ytd, unrev, marker) AS (
    SELECT * FROM (
        SELECT org_unit_id, indicator_id, sector, year, idx, pv, ytd, unrev, 0
        FROM norm
        WHERE year * :per_year + (idx - 1) / :step + 1 IN :needed_ords
        UNION ALL
        SELECT org_unit_id, indicator_id, sector, year, idx, NULL, NULL, 0, 1
        FROM markers
    ) anchors
    UNION ALL
    SELECT u.parent_id, up.indicator_id, up.sector, up.year, up.idx, up.pv, up.ytd, up.unrev,
           up.marker
    FROM up
    JOIN org_unit u ON u.id = up.target
    JOIN ind i ON i.id = up.indicator_id
    WHERE u.additive AND u.parent_id IS NOT NULL AND i.aggregation = 'sum'
      AND NOT EXISTS (
          SELECT 1 FROM observation r
          WHERE r.indicator_id = up.indicator_id AND r.org_unit_id = u.parent_id
            AND r.period = {period_text} AND r.period_type = :period_type
            AND (r.sector = up.sector OR up.sector = '') AND r.status IN :statuses)
),
rolled AS (
    SELECT target AS org_unit_id, indicator_id, sector, year, idx,
           SUM(pv) AS pv_sum, COUNT(pv) AS pv_n, SUM(ytd) AS ytd_sum, COUNT(ytd) AS ytd_n,
           MAX(unrev) AS unrev, SUM(marker) AS contributors,
           COUNT(CASE WHEN marker = 0 THEN 1 END) AS rows_n
    FROM up
    WHERE target IN :org_unit_ids
    GROUP BY target, indicator_id, sector, year, idx
),
totals AS (
    SELECT org_unit_id, indicator_id, sector, year, idx, contributors, unrev,
           CASE WHEN pv_n = contributors THEN pv_sum END AS pv,
           CASE WHEN ytd_n = contributors THEN ytd_sum END AS ytd,
           CASE WHEN pv_n = contributors THEN NULL WHEN pv_n = 0 THEN 'value_missing'
                ELSE 'incomplete' END AS pv_reason,
           CASE WHEN ytd_n = contributors THEN NULL WHEN ytd_n = 0 THEN 'period_missing'
                ELSE 'incomplete' END AS ytd_reason
    FROM rolled
    WHERE rows_n > 0  -- contributor markers alone: nothing reported (no_data, no row)
),
staged AS (
    SELECT t.*, i.nature, i.jf,
           (t.idx - 1) / :step + 1 AS gidx,
           CASE WHEN t.idx % :step = 0 THEN 1 ELSE 0 END AS is_end
    FROM totals t JOIN ind i ON i.id = t.indicator_id
),
grouped AS (
    SELECT org_unit_id, indicator_id, sector, year, gidx AS idx,
           MAX(nature) AS nature, MAX(jf) AS jf,
           MAX(contributors) AS contributors,
           MAX(unrev) AS unrev,
           CASE WHEN MAX(nature) = 'stock' THEN MAX(CASE WHEN is_end = 1 THEN pv END)
                WHEN COUNT(pv) = :step THEN SUM(pv) END AS summed,
           MAX(CASE WHEN is_end = 1 THEN ytd END) AS ytd,
           CASE WHEN MAX(nature) = 'stock'
                THEN COALESCE(MAX(CASE WHEN is_end = 1 THEN pv_reason END),
                              CASE WHEN MAX(is_end) = 0 THEN 'no_data' END)
                WHEN COUNT(pv) = :step THEN NULL
                WHEN :step = 1 THEN MAX(pv_reason)
                WHEN COUNT(CASE WHEN pv_reason = 'incomplete' THEN 1 END) > 0 THEN 'incomplete'
                ELSE 'period_missing' END AS summed_reason,
           MAX(CASE WHEN is_end = 1 THEN ytd_reason END) AS ytd_reason
    FROM staged
    GROUP BY org_unit_id, indicator_id, sector, year, gidx
),
ended AS (
    SELECT g.*,
           CASE WHEN :step = 1 OR nature = 'stock' OR ytd IS NULL THEN NULL
                WHEN idx = 1 THEN ytd
                WHEN LAG(idx) OVER wq = idx - 1 THEN ytd - LAG(ytd) OVER wq END AS ytd_diff
    FROM grouped g
    WINDOW wq AS (PARTITION BY org_unit_id, indicator_id, sector, year ORDER BY idx)
),
grid AS (
    SELECT org_unit_id, indicator_id, sector, year, idx, nature, jf, contributors, unrev,
           ytd, ytd_reason,
           CASE WHEN jf = 1 AND idx = 1 AND nature <> 'stock' THEN NULL
                WHEN jf = 1 AND idx = 2 AND nature <> 'stock' THEN ytd
                ELSE COALESCE(ytd_diff, summed) END AS value,
           CASE WHEN jf = 1 AND idx = 1 AND nature <> 'stock' THEN 'jan_feb_combined'
                WHEN jf = 1 AND idx = 2 AND nature <> 'stock' THEN ytd_reason
                WHEN ytd_diff IS NULL THEN summed_reason END AS value_reason
    FROM ended
),
growth AS (
    SELECT g.*,
           g.year * :per_year + g.idx AS ord,
           LAG(g.value) OVER wy AS value_ly, LAG(g.ytd) OVER wy AS ytd_ly, LAG(g.year) OVER wy AS year_ly,
           CASE WHEN LAG(g.year) OVER wy = g.year - 2 THEN LAG(g.value) OVER wy
                ELSE LAG(g.value, 2) OVER wy END AS value_2y,
           CASE WHEN LAG(g.year) OVER wy = g.year - 2 THEN LAG(g.ytd) OVER wy
                ELSE LAG(g.ytd, 2) OVER wy END AS ytd_2y,
           CASE WHEN LAG(g.year) OVER wy = g.year - 2 THEN LAG(g.year) OVER wy
                ELSE LAG(g.year, 2) OVER wy END AS year_2y,
           LAG(g.value) OVER wp AS value_prev, LAG(g.year * :per_year + g.idx) OVER wp AS ord_prev
    FROM grid g
    WINDOW wy AS (PARTITION BY g.org_unit_id, g.indicator_id, g.sector, g.idx ORDER BY g.year),
           wp AS (PARTITION BY g.org_unit_id, g.indicator_id, g.sector ORDER BY g.year, g.idx)
)
SELECT indicator_id, org_unit_id, sector, year, idx, value, ytd, contributors,
       unrev, value_reason,
       CASE WHEN nature = 'stock' THEN 'not_cumulative'
            WHEN ytd IS NULL THEN COALESCE(ytd_reason, 'no_data') END AS ytd_reason,
       CASE WHEN year_ly = year - 1 THEN {yoy} END AS yoy,
       CASE WHEN year_ly = year - 1 THEN {ytd_yoy} END AS ytd_yoy,
       CASE WHEN jf = 1 AND idx <= 3 THEN NULL WHEN ord_prev = ord - 1 THEN {mom} END AS mom,
       CASE WHEN year_2y = year - 2 AND ytd IS NOT NULL AND ytd_2y IS NOT NULL
                 AND ytd_2y <> 0 AND CAST(ytd AS DOUBLE PRECISION) / CAST(ytd_2y AS DOUBLE PRECISION) > 0
            THEN (sqrt(CAST(ytd AS DOUBLE PRECISION) / CAST(ytd_2y AS DOUBLE PRECISION)) - 1) * 100
            WHEN year_2y = year - 2 AND ytd IS NULL AND value IS NOT NULL AND value_2y IS NOT NULL
                 AND value_2y <> 0 AND CAST(value AS DOUBLE PRECISION) / CAST(value_2y AS DOUBLE PRECISION) > 0
            THEN (sqrt(CAST(value AS DOUBLE PRECISION) / CAST(value_2y AS DOUBLE PRECISION)) - 1) * 100
       END AS yoy_2y,
       {yoy_reason} AS yoy_reason,
       {ytd_yoy_reason} AS ytd_yoy_reason,
       CASE WHEN jf = 1 AND idx <= 3 THEN 'jan_feb_combined' ELSE {mom_reason} END AS mom_reason,
       CASE WHEN COALESCE(ytd, value) IS NULL THEN 'value_missing'
            WHEN year_2y IS NULL OR year_2y <> year - 2 OR base_2y IS NULL THEN 'base_missing'
            WHEN base_2y = 0 THEN 'base_zero'
            WHEN CAST(COALESCE(ytd, value) AS DOUBLE PRECISION) / CAST(base_2y AS DOUBLE PRECISION) <= 0
            THEN 'sign_change' END AS yoy_2y_reason
FROM (SELECT growth.*, CASE WHEN ytd IS NOT NULL THEN ytd_2y ELSE value_2y END AS base_2y FROM growth) growth
WHERE year * :per_year + idx IN :output_ords
ORDER BY indicator_id, org_unit_id, sector, year, idx
""".format(
    normalize=_NORMALIZE_FLAGGED.strip() + ",\n",
    period_text=_PERIOD_TEXT.format(year="up.year", idx="up.idx"),
    yoy=_rate("value", "value_ly"),
    ytd_yoy=_rate("ytd", "ytd_ly"),
    mom=_rate("value", "value_prev"),
    yoy_reason=_reason("value", "value_ly", "year_ly = year - 1"),
    ytd_yoy_reason=_reason("ytd", "ytd_ly", "year_ly = year - 1"),
    mom_reason=_reason("value", "value_prev", "ord_prev = ord - 1"),
)

_TEXT = text(_SQL).bindparams(
    bindparam("indicator_ids", expanding=True),
    bindparam("org_unit_ids", expanding=True),
    bindparam("needed_ords", expanding=True),
    bindparam("needed_native", expanding=True),
    bindparam("output_ords", expanding=True),
    bindparam("statuses", expanding=True),
)
_STATEMENT = _TEXT.columns(value=ExactDecimal(), ytd=ExactDecimal())


def needed_ordinals(output: Sequence[int], per_year: int) -> list[int]:
    """Grid periods (year·per_year + index) the output needs: the output periods, the one
    before each (环比), and the same periods one and two years earlier (同比, 两年平均)."""
    wanted = set(output)
    wanted |= (
        {o - 1 for o in wanted}
        | {o - per_year for o in wanted}
        | {o - 2 * per_year for o in wanted}
    )
    return sorted(wanted)


def sorted_with_previous(output: Sequence[int]) -> list[int]:
    """The output grid periods and the one before each (its 累计 is a quarter's base)."""
    return sorted(set(output) | {o - 1 for o in output})


def native_ordinals(grid_ordinals: Sequence[int], step: int) -> list[int]:
    """The native periods (year·native_per_year + index) behind grid periods, each with the
    native period before it (a month value from 累计 needs the previous 累计)."""
    wanted: set[int] = set()
    for ordinal in grid_ordinals:
        first = (ordinal - 1) * step + 1  # grid ordinal y·per_year + g → first native ordinal
        wanted |= set(range(first - 1, first + step))
    return sorted(wanted)


def ledger_statement(
    *,
    indicator_ids: Sequence[int],
    org_unit_ids: Sequence[int],
    sector: str,
    period_type: str,
    native_per_year: int,
    step: int,
    periods: Sequence[tuple[int, int]],
    statuses: Sequence[str] = ("approved",),
    growth: bool = True,
) -> tuple[TextClause, dict[str, object]]:
    """The statement :func:`derive_ledger` runs and its parameters (also for its query plan:
    tests/store/test_linear_plans.py)."""
    per_year = native_per_year // step
    output = sorted({year * per_year + index for year, index in periods})
    # Without growth, still the period before each: a quarter is a 累计 difference.
    needed = needed_ordinals(output, per_year) if growth else sorted_with_previous(output)
    years = [year for year, _ in periods]
    return _TEXT, {
        "indicator_ids": list(indicator_ids),
        "org_unit_ids": list(org_unit_ids),
        "sector": sector,
        "period_type": period_type,
        "step": step,
        "per_year": per_year,
        "first_year": min(years) - 2,
        "last_year": max(years),
        "output_ords": output,
        "needed_ords": needed,
        "needed_native": native_ordinals(needed, step),
        "native_per_year": native_per_year,
        "statuses": list(statuses),
    }


def derive_ledger(
    connection: Connection,
    *,
    indicator_ids: Sequence[int],
    org_unit_ids: Sequence[int],
    sector: str,
    period_type: str,
    native_per_year: int,
    step: int,
    periods: Sequence[tuple[int, int]],
    statuses: Sequence[str] = ("approved",),
    growth: bool = True,
) -> list[LedgerRow]:
    """Derived rows for every requested indicator × org unit with data, at the ``periods``
    (year, index) of a grid of ``native_per_year // step`` periods a year.

    Only what those periods need is read and rolled up: their own native periods and the one
    before each, the same periods one and two years earlier (同比, 两年平均增速), and the
    whole year of any unit-year reported as 当月值 (to cumulate it). With ``growth=False``
    the earlier periods are not rolled up and the rates come back missing (base_missing):
    for callers that need levels only. Only observations whose status is in ``statuses``
    are read (drafts never); a row built on any that is not approved is ``unreviewed``.
    """
    _, params = ledger_statement(
        indicator_ids=indicator_ids,
        org_unit_ids=org_unit_ids,
        sector=sector,
        period_type=period_type,
        native_per_year=native_per_year,
        step=step,
        periods=periods,
        statuses=statuses,
        growth=growth,
    )
    rows = connection.execute(_STATEMENT, params).all()
    # each row built from its columns by name: a generic copy per row cost more than the SQL
    return [
        LedgerRow(
            r.indicator_id,
            r.org_unit_id,
            r.sector,
            r.year,
            r.idx,
            r.value,
            r.ytd,
            r.yoy,
            r.ytd_yoy,
            r.mom,
            r.yoy_2y,
            bool(r.unrev),
            r.value_reason,
            r.ytd_reason,
            r.yoy_reason,
            r.ytd_yoy_reason,
            r.mom_reason,
            r.yoy_2y_reason,
            r.contributors,
        )
        for r in rows
    ]
