"""The enterprise directory as records (``GET /api/enterprises``). Items are the directory
service's rows and pages."""

from __future__ import annotations

from typing import Any

from bioecon.io.output import Amount, Field, Record, list_of, response_model

DIRECTORY_ROW: Record[Any] = Record(
    "DirectoryRow",
    (
        Field("uscc", str, description="统一社会信用代码"),
        Field("name", str),
        Field("org_unit", str | None),
        Field("org_unit_name", str | None),
        Field("industry_code", str | None, description="GB/T 4754"),
        Field("bio_category", str | None, description="战新2018 生物产业 category"),
        Field(
            "revenue",
            Amount | None,
            description="万元, of `year`; null unless the caller may read the registry's "
            "financial fields (role action read_financials)",
        ),
        Field("year", int | None, description="the latest year with figures"),
    ),
)

DIRECTORY_PAGE: Record[Any] = Record(
    "DirectoryPage",
    (
        Field("total", int),
        Field("page", int),
        Field("size", int),
        Field("tier_year", int | None, description="the figures' year a tier filter judged"),
        Field(
            "items", list_of(response_model(DIRECTORY_ROW)), lambda p: DIRECTORY_ROW.records(p.rows)
        ),
    ),
)


def verdict_line(verdict: Any) -> str:
    """`bioecon uscc check`: the code, valid or INVALID, and why (tab-separated)."""
    valid = "valid" if verdict.valid else "INVALID"
    return f"{verdict.code or verdict.given}\t{valid}\t{verdict.reason()}"
