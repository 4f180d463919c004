"""The derivation of `bioecon bench ledger` written plainly in pandas, as the script a user
would otherwise write, and its comparison with the SQL derivation. Needs the ``bench`` extra."""

from __future__ import annotations

from typing import Any

import pandas as pd

from bioecon.domain.ledger import LedgerEntry
from bioecon.domain.periods import Period

RAW_COLUMNS = ["indicator", "org_unit", "period_type", "year", "idx", "basis", "value"]


def pandas_derivation(
    raw: list[tuple[Any, ...]], tree: list[tuple[str, str | None, bool]], as_of: Period | None
) -> pd.DataFrame:
    """The derivation a user would script: month values from 累计, roll-up through the
    additive tree, 同比 against the same period last year. Floats, as pandas users get.
    ``as_of`` None: every period (the full ledger), else that month (and its year)."""
    frame = pd.DataFrame(raw, columns=RAW_COLUMNS)
    frame["value"] = frame["value"].astype(float)
    if as_of is not None:
        frame = frame[frame["year"] >= as_of.year - 2]
    closure = closure_frame(tree)
    ancestors_reporting = closure[closure["org_unit"].isin(set(frame["org_unit"]))]
    frame = frame.sort_values(["indicator", "org_unit", "year", "idx"])
    stock = frame["basis"] == "period_end"
    frame["ytd"] = frame["value"].where(~stock)
    previous = frame.groupby(["indicator", "org_unit", "year"])["ytd"].shift(1)
    frame["pv"] = frame["value"].where(stock, frame["ytd"] - previous.fillna(0))
    merged = ancestors_reporting.merge(frame, on="org_unit")
    totals = merged.groupby(["indicator", "target", "period_type", "year", "idx"], as_index=False)[
        ["pv", "ytd"]
    ].sum(min_count=1)
    last_year = totals.copy()
    last_year["year"] += 1
    joined = totals.merge(
        last_year,
        on=["indicator", "target", "period_type", "year", "idx"],
        how="left",
        suffixes=("", "_ly"),
    )
    joined["yoy"] = (joined["pv"] / joined["pv_ly"] - 1) * 100
    joined["ytd_yoy"] = (joined["ytd"] / joined["ytd_ly"] - 1) * 100
    if as_of is None:
        return joined
    at = (
        (joined["period_type"] == "month")
        & (joined["year"] == as_of.year)
        & (joined["idx"] == as_of.index)
    ) | ((joined["period_type"] == "year") & (joined["year"] == as_of.year))
    return joined[at].reset_index(drop=True)


def closure_frame(tree: list[tuple[str, str | None, bool]]) -> pd.DataFrame:
    """(target, org_unit) for every unit and each unit of its additive subtree, itself included."""
    children: dict[str, list[str]] = {}
    for code, parent, additive in tree:
        if parent is not None and additive:
            children.setdefault(parent, []).append(code)
    pairs = []
    for code, _, _ in tree:
        stack = [code]
        while stack:
            node = stack.pop()
            pairs.append((code, node))
            stack += children.get(node, [])
    return pd.DataFrame(pairs, columns=["target", "org_unit"])


def compare(entries: list[LedgerEntry], frame: pd.DataFrame) -> int:
    """How many (indicator, org unit) results differ beyond float rounding."""
    records: list[dict[str, Any]] = frame.to_dict("records")  # type: ignore[assignment]
    expected = {(r["indicator"], r["target"]): r for r in records}
    differences = 0
    for entry in entries:
        row = expected.get((entry.indicator, entry.org_unit))
        if row is None:
            differences += entry.value is not None
            continue
        pairs = [
            (entry.value, row["pv"]),
            (entry.ytd, row["ytd"]),
            (entry.yoy, row["yoy"]),
            (entry.ytd_yoy, row["ytd_yoy"]),
        ]
        for ours, theirs in pairs:
            missing_theirs = theirs is None or pd.isna(theirs)
            if ours is None or missing_theirs:
                differences += (ours is None) != missing_theirs
            elif abs(float(ours) - float(theirs)) > 1e-6 * max(1.0, abs(float(theirs))):
                differences += 1
    return differences
