"""The enterprise file (企业名录): registry fields and, optionally, one year's figures per row.

Columns (Chinese headers accepted): ``uscc`` 统一社会信用代码 and ``name`` 企业名称 are required;
``org_unit`` 区域, ``industry_code`` 行业代码, ``industry_code_edition`` 行业分类版本,
``business_scope`` 经营范围, ``founded_on`` 成立日期, ``flags`` 资质标识 (separated by ; or 、)
held from ``flags_valid_from`` 资质起始日期 to ``flags_valid_to`` 资质截止日期 (both optional),
``year`` 年度 with ``revenue`` 营业收入, ``output_value`` 工业总产值, ``rd_spend`` 研发费用 (万元),
``employees`` 从业人员, ``valuation`` 估值 and ``valuation_unit`` 估值单位. An enterprise may take
several rows (one per year, or one per set of flags with the same dates); a blank cell keeps
what the registry already has.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from bioecon.catalogs import (
    read_data_text,
    register_vocabulary,
    unit_registry,
    uscc_departments,
    value_bounds,
)
from bioecon.domain.amounts import parse_amount, parse_integer
from bioecon.domain.bounds import Finding
from bioecon.domain.enterprise_input import EnterpriseFile, EnterpriseRow
from bioecon.domain.known_codes import CodeList
from bioecon.domain.model import Enterprise, EnterpriseFlag, EnterpriseYear
from bioecon.domain.uscc import check as check_uscc
from bioecon.errors import InvalidValue, Problem
from bioecon.io.sheet_writer import write_csv, write_xlsx
from bioecon.io.tabular import Cell, read_table
from bioecon.runtime import collector_paused

REQUIRED = ("uscc", "name")
OPTIONAL = (
    "org_unit",
    "industry_code",
    "industry_code_edition",
    "business_scope",
    "founded_on",
    "flags",
    "flags_valid_from",
    "flags_valid_to",
    "year",
    "revenue",
    "output_value",
    "rd_spend",
    "employees",
    "valuation",
    "valuation_unit",
)
COLUMNS = (*REQUIRED, *OPTIONAL)
HEADER_ALIASES = {
    "统一社会信用代码": "uscc",
    "信用代码": "uscc",
    "企业名称": "name",
    "名称": "name",
    "区域": "org_unit",
    "所在区域": "org_unit",
    "行业代码": "industry_code",
    "国民经济行业代码": "industry_code",
    "行业分类版本": "industry_code_edition",
    "经营范围": "business_scope",
    "成立日期": "founded_on",
    "资质标识": "flags",
    "标识": "flags",
    "资质起始日期": "flags_valid_from",
    "认定日期": "flags_valid_from",
    "资质截止日期": "flags_valid_to",
    "有效期至": "flags_valid_to",
    "年度": "year",
    "营业收入": "revenue",
    "主营业务收入": "revenue",
    "工业总产值": "output_value",
    "研发费用": "rd_spend",
    "从业人员": "employees",
    "估值": "valuation",
    "估值单位": "valuation_unit",
}
_DATE = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")
_ASCII_DIGITS = re.compile(r"[0-9]+")
EDITION_2017 = "GB/T 4754-2017"
MONEY_DIMENSIONS = ("money_cny", "money_usd")  # a valuation is an amount of money, not a rate
_FLAG_SPLIT = re.compile(r"[;；、,，]")


def read_enterprise_file(
    path: Path, *, sheet: str | None = None, today: date | None = None
) -> EnterpriseFile:
    """Parse every row; cell problems are collected, credit-code and implausible-value warnings
    kept apart. Dates and years are bounded by ``today`` (default: today, UTC)."""
    day = today or datetime.now(UTC).date()
    with collector_paused():
        table = read_table(
            path, aliases=HEADER_ALIASES, required=REQUIRED, optional=OPTIONAL, sheet=sheet
        )
        rows: list[EnterpriseRow] = []
        problems: list[Problem] = []
        warnings: list[Problem] = []
        org_references: list[tuple[int, str]] = []
        present = [c for c in COLUMNS if c in table.columns]
        absent = dict.fromkeys(c for c in COLUMNS if c not in table.columns)
        for raw in table.rows:
            values, errors, cautions = _parse_row(raw.number, raw.cells, present, day)
            values = absent | values
            if isinstance(values.get("org_unit"), str):
                org_references.append((raw.number, values["org_unit"]))
            problems += errors
            warnings += cautions
            if not errors:
                rows.append(EnterpriseRow(raw.number, **values))
        return EnterpriseFile(
            table.source, tuple(rows), tuple(problems), tuple(warnings), tuple(org_references)
        )


def _parse_row(
    number: int, cells: Mapping[str, Cell], present: list[str], day: date
) -> tuple[dict[str, Any], list[Problem], list[Problem]]:
    """One row's values, its problems and its warnings (credit code, implausible values)."""
    where = f"row {number}, column "
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for column in present:
        try:
            values[column] = _PARSERS.get(column, _text)(cells.get(column))
        except InvalidValue as error:
            values[column] = None
            problems.append(Problem(where + column, str(error)))
    code = values.get("uscc")
    if isinstance(code, str):
        verdict = check_uscc(code, uscc_departments())
        if not verdict.valid:
            problems.append(Problem(where + "uscc", f"'{code}': {verdict.reason()}"))
        warnings += [Problem(where + "uscc", f"{verdict.code}: {w}") for w in verdict.warnings]
        values["uscc"] = verdict.code
    failed = {problem.location for problem in problems}
    for column, message in _row_rules(values):
        if where + column not in failed:  # a cell already refused says enough
            problems.append(Problem(where + column, message))
    for column, finding in _bound_findings(values, day):
        found = Problem(where + column, finding.message, finding.severity)
        (problems if finding.severity == "error" else warnings).append(found)
    return values, problems, warnings


def _bound_findings(values: Mapping[str, Any], day: date) -> list[tuple[str, Finding]]:
    """What bounds.yaml says of the row's bounded fields (negative revenue, a future year …)."""
    bounds = value_bounds()[0]
    found = []
    for column, value in values.items():
        if isinstance(value, Decimal | int | date) and not isinstance(value, bool):
            finding = bounds.check("enterprise", column, value, day)
            if finding is not None:
                found.append((column, finding))
    return found


def _row_rules(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(column, message) for each rule across the row's cells it breaks."""
    broken = _check_validity(values)
    code, edition = values.get("industry_code"), values.get("industry_code_edition")
    if isinstance(code, str) and edition in (None, EDITION_2017) and code not in industry_codes():
        broken.append(("industry_code", str(industry_codes().refuse("行业代码", code))))
    if values.get("year") is None and any(
        values.get(f) is not None
        for f in ("revenue", "output_value", "rd_spend", "employees", "valuation")
    ):
        broken.append(("year", "figures need the year they belong to"))
    return broken


def _check_validity(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Dates need the flags they date, and cannot end before they start."""
    start, end = values.get("flags_valid_from"), values.get("flags_valid_to")
    if (start is not None or end is not None) and not values.get("flags"):
        column = "flags_valid_from" if start is not None else "flags_valid_to"
        return [(column, "a validity date needs the flags it dates")]
    if start is not None and end is not None and end < start:
        return [("flags_valid_to", f"{end} is before {start}")]
    return []


def _text(cell: Cell) -> str | None:
    if cell is None:
        return None
    if isinstance(cell, Decimal):
        return format(cell, "f")
    return str(cell).strip() or None


def _required(cell: Cell) -> str:
    text = _text(cell)
    if text is None:
        raise InvalidValue("empty; a value is required")
    return text


def _industry_code(cell: Cell) -> str | None:
    text = _text(cell)
    if text is None:
        return None
    if not (_ASCII_DIGITS.fullmatch(text) and 2 <= len(text) <= 4):
        raise InvalidValue(f"'{text}' is not a GB/T 4754 code (2 to 4 digits, e.g. 2761)")
    return text


def _edition(cell: Cell) -> str | None:
    text = _text(cell)
    if text is None:
        return None
    editions = _editions()
    wanted = " ".join(text.replace("GB/T", "GB/T ").split())
    if wanted not in editions:
        raise editions.refuse("行业分类版本", text)
    return wanted


def _date(cell: Cell) -> date | None:
    if cell is None or isinstance(cell, date):
        return cell
    match = _DATE.fullmatch(str(cell).strip())
    if match is None:
        raise InvalidValue(f"'{cell}' is not a date; write 2015-03-01")
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError as error:
        raise InvalidValue(f"'{cell}' is not a date: {error}") from None


def _flags(cell: Cell) -> tuple[str, ...] | None:
    text = _text(cell)
    if text is None:
        return None
    names, known = _flag_names()
    written = {f.strip() for f in _FLAG_SPLIT.split(text) if f.strip()}
    unknown = sorted(f for f in written if f not in names)
    if unknown:
        raise known.refuse("资质标识", "、".join(unknown))
    return tuple(sorted({names[f] for f in written}))


def _integer(cell: Cell) -> int | None:
    return None if cell is None else parse_integer(cell)


def _amount(cell: Cell) -> Decimal | None:
    return None if cell is None else parse_amount(cell)


def _valuation_unit(cell: Cell) -> str | None:
    text = _text(cell)
    if text is None:
        return None
    units = unit_registry()
    if text not in units or units.get(text).dimension not in MONEY_DIMENSIONS:
        raise _money_units().refuse("估值单位", text)
    return units.canonical(text)


@cache
def industry_codes() -> CodeList:
    """The codes of GB/T 4754-2017 (``bioecon/data/gbt4754_2017.csv``) with their names."""
    lines = [line for line in read_data_text("gbt4754_2017.csv").splitlines() if line[:1] != "#"]
    names = {row["code"]: row["name"] for row in csv.DictReader(lines)}
    return CodeList(names, names)


@cache
def _editions() -> CodeList:
    return CodeList(str(e) for e in register_vocabulary()["enterprises"]["editions"])


@cache
def _flag_names() -> tuple[dict[str, str], CodeList]:
    """Every name and alias of a flag → its name (registers.yaml), and the names' list."""
    flags = register_vocabulary()["enterprises"]["flags"]
    names = {
        str(alias): str(flag["name"])
        for flag in flags
        for alias in (flag["name"], *(flag.get("aliases") or ()))
    }
    return names, CodeList(str(flag["name"]) for flag in flags)


@cache
def _money_units() -> CodeList:
    units = unit_registry()
    return CodeList(s for s in units.symbols() if units.get(s).dimension in MONEY_DIMENSIONS)


_PARSERS: dict[str, Callable[[Cell], Any]] = {
    "uscc": _required,
    "industry_code": _industry_code,
    "industry_code_edition": _edition,
    "founded_on": _date,
    "flags": _flags,
    "flags_valid_from": _date,
    "flags_valid_to": _date,
    "year": _integer,
    "employees": _integer,
    "revenue": _amount,
    "output_value": _amount,
    "rd_spend": _amount,
    "valuation": _amount,
    "valuation_unit": _valuation_unit,
}


def enterprise_rows(enterprises: list[tuple[Enterprise, list[EnterpriseYear]]]) -> list[list[Cell]]:
    """One row per enterprise-year (an enterprise without figures: one row), in COLUMNS order;
    flags dated differently from the first set take a row of their own, without figures."""
    rows: list[list[Cell]] = []
    for e, years in enterprises:
        registry: list[Cell] = [
            e.uscc,
            e.name,
            e.org_unit,
            e.industry_code,
            e.industry_code_edition,
            e.business_scope,
            e.founded_on,
        ]
        groups = _flag_groups(e.flags) or [[None, None, None]]
        base = [*registry, *groups[0]]
        if not years:
            rows.append([*base, *[None] * 7])
        rows += [[*registry, *group, *[None] * 7] for group in groups[1:]]
        for y in years:
            employees = Decimal(y.employees) if y.employees is not None else None
            figures = [
                y.revenue,
                y.output_value,
                y.rd_spend,
                employees,
                y.valuation,
                y.valuation_unit,
            ]
            rows.append([*base, Decimal(y.year), *figures])
    return rows


def _flag_groups(flags: tuple[EnterpriseFlag, ...]) -> list[list[Cell]]:
    """(flags, valid from, valid to) cells, one per set of flags sharing their dates."""
    grouped: dict[tuple[date | None, date | None], list[str]] = {}
    for flag in flags:
        grouped.setdefault((flag.valid_from, flag.valid_to), []).append(flag.name)
    return [["; ".join(names), start, end] for (start, end), names in grouped.items()]


def write_enterprises(
    path: Path, enterprises: list[tuple[Enterprise, list[EnterpriseYear]]]
) -> None:
    rows = enterprise_rows(enterprises)
    if path.suffix.lower() == ".xlsx":
        write_xlsx(path, COLUMNS, rows, title="企业名录")
    else:
        path.write_text(write_csv(COLUMNS, rows), encoding="utf-8-sig")
