"""Enterprises as read from a file, before they are merged into the registry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bioecon.domain.model import Enterprise, EnterpriseFlag, EnterpriseYear
from bioecon.errors import Problem

REGISTRY_FIELDS = (
    "name",
    "org_unit",
    "industry_code",
    "industry_code_edition",
    "business_scope",
    "founded_on",
)
FIGURE_FIELDS = ("revenue", "output_value", "rd_spend", "employees", "valuation", "valuation_unit")


@dataclass(frozen=True, slots=True)
class EnterpriseRow:
    """One row; a field left blank is None (it keeps what the registry has)."""

    row: int
    uscc: str
    name: str | None
    org_unit: str | None
    industry_code: str | None
    industry_code_edition: str | None
    business_scope: str | None
    founded_on: date | None
    flags: tuple[str, ...] | None
    flags_valid_from: date | None  # the row's flags are held from/to these days
    flags_valid_to: date | None
    year: int | None
    revenue: Decimal | None
    output_value: Decimal | None
    rd_spend: Decimal | None
    employees: int | None
    valuation: Decimal | None
    valuation_unit: str | None


@dataclass(frozen=True, slots=True)
class EnterpriseFile:
    source: str
    rows: tuple[EnterpriseRow, ...]
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    org_references: tuple[
        tuple[int, str], ...
    ] = ()  # (row, org unit) of every row, bad cells or not


@dataclass(frozen=True, slots=True)
class Change:
    uscc: str
    field: str
    old: object
    new: object


def merge_rows(
    uscc: str, rows: list[EnterpriseRow], existing: Enterprise | None
) -> tuple[Enterprise, list[Change], list[Problem]]:
    """One enterprise from its rows over what the registry holds: a non-blank cell replaces the
    stored value, a blank keeps it. Two rows giving different values is a problem."""
    if existing is None and len(rows) == 1:  # the common case of a bulk load, taken directly
        row = rows[0]
        if row.name is None:
            return (
                Enterprise(uscc=uscc, name=""),
                [],
                [Problem(f"row {row.row}, column name", f"{uscc} is new: its name is required")],
            )
        return (
            Enterprise(
                uscc=uscc,
                name=row.name,
                org_unit=row.org_unit,
                industry_code=row.industry_code,
                industry_code_edition=row.industry_code_edition or "GB/T 4754-2017",
                business_scope=row.business_scope,
                founded_on=row.founded_on,
                flags=_row_flags(row),
            ),
            [],
            [],
        )
    problems: list[Problem] = []
    given: dict[str, tuple[object, int]] = {}
    for row in rows:
        for field in REGISTRY_FIELDS:
            value = getattr(row, field)
            if value is None:
                continue
            if field in given and given[field][0] != value:
                problems.append(
                    Problem(
                        f"row {row.row}, column {field}",
                        f"'{_show(value)}' contradicts row {given[field][1]} ('{_show(given[field][0])}') for {uscc}",
                    )
                )
            else:
                given.setdefault(field, (value, row.row))
    flags, clashes = merge_flags(uscc, rows)
    problems += clashes
    if existing is None and "name" not in given:
        problems.append(
            Problem(f"row {rows[0].row}, column name", f"{uscc} is new: its name is required")
        )
    base = existing or Enterprise(uscc=uscc, name="")
    merged = Enterprise(
        uscc=uscc,
        name=str(given["name"][0]) if "name" in given else base.name,
        org_unit=_pick(given, "org_unit", base.org_unit),
        industry_code=_pick(given, "industry_code", base.industry_code),
        industry_code_edition=_pick(given, "industry_code_edition", base.industry_code_edition)
        or "GB/T 4754-2017",
        business_scope=_pick(given, "business_scope", base.business_scope),
        founded_on=given["founded_on"][0] if "founded_on" in given else base.founded_on,  # type: ignore[arg-type]
        flags=flags if flags is not None else base.flags,
    )
    changes = (
        [
            Change(uscc, field, getattr(existing, field), getattr(merged, field))
            for field in (*REGISTRY_FIELDS, "flags")
            if getattr(existing, field) != getattr(merged, field)
        ]
        if existing is not None
        else []
    )
    return merged, changes, problems


def _row_flags(row: EnterpriseRow) -> tuple[EnterpriseFlag, ...]:
    return tuple(
        EnterpriseFlag(name, row.flags_valid_from, row.flags_valid_to) for name in row.flags or ()
    )


def merge_flags(
    uscc: str, rows: list[EnterpriseRow]
) -> tuple[tuple[EnterpriseFlag, ...] | None, list[Problem]]:
    """The flags of every row that names some (each with its row's validity), or None when no
    row does (the registry's are kept). One flag with two different validities is a problem."""
    found: dict[str, tuple[EnterpriseFlag, int]] = {}
    problems: list[Problem] = []
    for row in rows:
        for flag in _row_flags(row):
            if flag.name not in found:
                found[flag.name] = (flag, row.row)
            elif found[flag.name][0] != flag:
                problems.append(
                    Problem(
                        f"row {row.row}, column flags_valid_from",
                        f"{flag.name} of {uscc} is dated differently in row {found[flag.name][1]}",
                    )
                )
    if not any(row.flags for row in rows):
        return None, problems
    return tuple(sorted(flag for flag, _ in found.values())), problems


def _pick(given: dict[str, tuple[object, int]], field: str, default: str | None) -> str | None:
    return str(given[field][0]) if field in given else default


def _show(value: object) -> str:
    return "; ".join(value) if isinstance(value, tuple) else str(value)


def merge_years(
    uscc: str, rows: list[EnterpriseRow], existing: dict[int, EnterpriseYear]
) -> tuple[list[EnterpriseYear], list[Problem]]:
    """The yearly figures the rows give, over the stored ones (blank keeps); a year twice is a problem."""
    if not existing and len(rows) == 1:  # the common case of a bulk load, taken directly
        row = rows[0]
        if row.year is None:
            return [], []
        figures = (
            row.revenue,
            row.output_value,
            row.rd_spend,
            row.employees,
            row.valuation,
            row.valuation_unit,
        )
        return [EnterpriseYear(uscc, row.year, *figures)], []
    problems: list[Problem] = []
    seen: dict[int, int] = {}
    merged: list[EnterpriseYear] = []
    for row in rows:
        if row.year is None:
            continue
        if row.year in seen:
            problems.append(
                Problem(
                    f"row {row.row}, column year", f"{uscc} {row.year} repeats row {seen[row.year]}"
                )
            )
            continue
        seen[row.year] = row.row
        old = existing.get(row.year) or EnterpriseYear(uscc, row.year)
        merged.append(
            EnterpriseYear(
                uscc=uscc,
                year=row.year,
                revenue=row.revenue if row.revenue is not None else old.revenue,
                output_value=row.output_value if row.output_value is not None else old.output_value,
                rd_spend=row.rd_spend if row.rd_spend is not None else old.rd_spend,
                employees=row.employees if row.employees is not None else old.employees,
                valuation=row.valuation if row.valuation is not None else old.valuation,
                valuation_unit=row.valuation_unit
                if row.valuation_unit is not None
                else old.valuation_unit,
            )
        )
    return merged, problems
