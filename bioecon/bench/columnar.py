"""The derivation of `bioecon bench ledger` in DuckDB and in polars, the same steps as the
pandas script (bioecon/bench/baseline.py): month values from 累计, the roll-up through the
additive tree, 同比 and 累计同比 against the same period last year; every period (the full
ledger) or one as-of month. Each starts from the rows the pandas script read (the reading is
timed once, for all three). Needs the ``bench`` extra."""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd
import polars as pl

from bioecon.bench.baseline import RAW_COLUMNS, closure_frame
from bioecon.domain.periods import Period

_KEYS = ["indicator", "target", "period_type", "year", "idx"]

_DUCKDB = """
WITH f AS (SELECT * FROM raw WHERE year >= $first_year),
n AS (
    SELECT indicator, org_unit, period_type, year, idx,
           CASE WHEN basis = 'period_end' THEN NULL ELSE value END AS ytd,
           CASE WHEN basis = 'period_end' THEN value
                ELSE value - COALESCE(LAG(CASE WHEN basis = 'period_end' THEN NULL ELSE value END)
                             OVER (PARTITION BY indicator, org_unit, year ORDER BY idx), 0)
           END AS pv
    FROM f
),
totals AS (
    SELECT n.indicator, c.target, n.period_type, n.year, n.idx, SUM(n.pv) AS pv, SUM(n.ytd) AS ytd
    FROM closure c JOIN n ON n.org_unit = c.org_unit
    GROUP BY ALL
)
SELECT t.*, (t.pv / l.pv - 1) * 100 AS yoy, (t.ytd / l.ytd - 1) * 100 AS ytd_yoy
FROM totals t
LEFT JOIN totals l ON l.indicator = t.indicator AND l.target = t.target
     AND l.period_type = t.period_type AND l.year = t.year - 1 AND l.idx = t.idx
WHERE $all OR (t.period_type = 'month' AND t.year = $year AND t.idx = $month)
   OR (t.period_type = 'year' AND t.year = $year)
"""


def duckdb_derivation(
    raw: list[tuple[Any, ...]], tree: list[tuple[str, str | None, bool]], as_of: Period | None
) -> pd.DataFrame:
    """DuckDB over the rows (an in-memory database, its default threads)."""
    frame = pd.DataFrame(raw, columns=RAW_COLUMNS)
    frame["value"] = frame["value"].astype(float)
    closure = closure_frame(tree)
    with duckdb.connect() as db:
        db.register("raw", frame)
        db.register("closure", closure)
        params = {
            "first_year": 0 if as_of is None else as_of.year - 2,
            "all": as_of is None,
            "year": 0 if as_of is None else as_of.year,
            "month": 0 if as_of is None else as_of.index,
        }
        result: pd.DataFrame = db.execute(_DUCKDB, params).df()
    return result


def polars_derivation(
    raw: list[tuple[Any, ...]], tree: list[tuple[str, str | None, bool]], as_of: Period | None
) -> pl.DataFrame:
    """polars' lazy frames over the rows."""
    frame = pl.DataFrame(raw, schema=RAW_COLUMNS, orient="row", infer_schema_length=None)
    frame = frame.with_columns(pl.col("value").cast(pl.Float64))
    if as_of is not None:
        frame = frame.filter(pl.col("year") >= as_of.year - 2)
    closure = pl.DataFrame(closure_frame(tree).to_dict("list"))
    stock = pl.col("basis") == "period_end"
    ytd = pl.when(stock).then(None).otherwise(pl.col("value"))
    normalized = (
        frame.lazy()
        .sort(["indicator", "org_unit", "year", "idx"])
        .with_columns(ytd.alias("ytd"))
        .with_columns(
            pl.when(stock)
            .then(pl.col("value"))
            .otherwise(
                pl.col("ytd")
                - pl.col("ytd").shift(1).over(["indicator", "org_unit", "year"]).fill_null(0)
            )
            .alias("pv")
        )
    )
    totals = (
        closure.lazy()
        .join(normalized, on="org_unit")
        .group_by(_KEYS)
        .agg(
            pl.col("pv").sum(),
            pl.col("ytd").sum(),
            pl.col("pv").count().alias("pv_n"),
            pl.col("ytd").count().alias("ytd_n"),
        )
        .with_columns(
            pl.when(pl.col("pv_n") > 0).then(pl.col("pv")),
            pl.when(pl.col("ytd_n") > 0).then(pl.col("ytd")),
        )
        .drop("pv_n", "ytd_n")
    )
    last_year = totals.with_columns(pl.col("year") + 1).rename({"pv": "pv_ly", "ytd": "ytd_ly"})
    joined = totals.join(last_year, on=_KEYS, how="left").with_columns(
        ((pl.col("pv") / pl.col("pv_ly") - 1) * 100).alias("yoy"),
        ((pl.col("ytd") / pl.col("ytd_ly") - 1) * 100).alias("ytd_yoy"),
    )
    if as_of is not None:
        month = (
            (pl.col("period_type") == "month")
            & (pl.col("year") == as_of.year)
            & (pl.col("idx") == as_of.index)
        )
        year = (pl.col("period_type") == "year") & (pl.col("year") == as_of.year)
        joined = joined.filter(month | year)
    return joined.collect()
