"""The ledger as JSON records, CSV and a terminal table (field names: docs/cli.md, glossary)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from bioecon.domain.ledger import LedgerEntry, LedgerReason
from bioecon.io.sheet_writer import write_csv
from bioecon.io.texttable import render_table
from bioecon.messages import label, text

FIELDS = (
    "indicator",
    "org_unit",
    "sector",
    "period",
    "value",
    "ytd",
    "yoy",
    "ytd_yoy",
    "mom",
    "yoy_2y",
    "unreviewed",  # 未审核: built on figures not yet approved (admitted by the ledger setting)
)
RATE_DECIMALS = 4  # growth rates in percent, to 1/10000 of a point


def _rate(value: float | None, decimals: int = RATE_DECIMALS) -> float | None:
    return None if value is None else round(value, decimals)


def ledger_record(entry: LedgerEntry) -> dict[str, Any]:
    """One JSON object; amounts exact (Decimal), rates in percent, null when missing."""
    return {
        "indicator": entry.indicator,
        "org_unit": entry.org_unit,
        "sector": entry.sector,
        "period": str(entry.period),
        "value": entry.value,
        "ytd": entry.ytd,
        "yoy": _rate(entry.yoy),
        "ytd_yoy": _rate(entry.ytd_yoy),
        "mom": _rate(entry.mom),
        "yoy_2y": _rate(entry.yoy_2y),
        "contributors": entry.contributors,
        "unreviewed": entry.unreviewed,
        "missing": entry.reasons,
    }


def ledger_csv(entries: Sequence[LedgerEntry]) -> str:
    """The JSON record's columns; ``unreviewed`` reads 未审核 or stays empty (for Excel)."""
    rows = [
        [ledger_record(e)[name] for name in FIELDS if name != "unreviewed"]
        + [_unreviewed(e), _notes(e)]
        for e in entries
    ]
    return write_csv([*FIELDS, "missing"], [[_cell(v) for v in row] for row in rows])


def _unreviewed(entry: LedgerEntry) -> str:
    return text("page.unreviewed") if entry.unreviewed else ""


def _cell(value: object) -> str | Decimal | None:
    if value is None or isinstance(value, str | Decimal):
        return value
    return str(value)


def _notes(entry: LedgerEntry) -> str:
    """Why values are missing, in Chinese; a period with no data at all says so once."""
    reasons = set(entry.reasons.values())
    if reasons == {"no_data"} and entry.value is None and entry.ytd is None:
        return label(LedgerReason.NO_DATA)
    return "; ".join(
        f"{name}: {label(LedgerReason(reason))}" for name, reason in entry.reasons.items()
    )


def ledger_table(entries: Sequence[LedgerEntry]) -> str:
    """当期值 and 累计 as stored; rates to one decimal, the Chinese convention."""
    headers = [
        "org_unit",
        "period",
        "value",
        "ytd",
        "yoy%",
        "ytd_yoy%",
        "mom%",
        "yoy_2y%",
        "missing",
    ]
    rows = [
        [
            e.org_unit,
            str(e.period),
            e.value,
            e.ytd,
            _percent(e.yoy),
            _percent(e.ytd_yoy),
            _percent(e.mom),
            _percent(e.yoy_2y),
            "；".join(part for part in (_unreviewed(e), _notes(e)) if part),
        ]
        for e in entries
    ]
    return render_table(headers, rows)


def _percent(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(repr(value)).quantize(Decimal("0.1"))
