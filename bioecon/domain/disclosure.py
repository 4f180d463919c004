"""What of the enterprise registry only callers granted ``read_financials`` see (财务字段).

The registry's yearly money figures and valuations are the enterprises' business data; the
public viewer and the read-only roles get every enterprise without them (the fields are
blank, and the API schema says they may be absent). Listed once here; the store's directory
query blanks the same fields in SQL.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Final

from bioecon.domain.model import EnterpriseYear

FINANCIAL_FIELDS: Final = ("revenue", "output_value", "rd_spend", "valuation", "valuation_unit")
"""营业收入, 工业总产值, 研发费用, 估值 and its unit (EnterpriseYear fields)."""


def without_financials(year: EnterpriseYear) -> EnterpriseYear:
    """``year`` with every financial field blank (employees and the year stay)."""
    blank: dict[str, Any] = dict.fromkeys(FINANCIAL_FIELDS)
    return replace(year, **blank)
