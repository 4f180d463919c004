"""The project files: the project ledger (项目台账), the monthly progress file (月度调度表) and
the annual selection (每年遴选), CSV or XLSX with the Chinese headers of
``bioecon/data/projects/columns.yaml``, read through the register reader
(bioecon/io/registers.py): every bad cell is named by its row and header (第3行 计划开工日期),
and a file with any problem is refused whole by the loader."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from bioecon.catalogs import project_columns, project_stages, selection_criteria
from bioecon.domain.amounts import parse_amount, parse_integer
from bioecon.domain.periods import MAX_YEAR, MIN_YEAR, Period, PeriodType
from bioecon.domain.project_selection import SelectionEntry, selection_problems
from bioecon.domain.projects import ProgressEntry, ProjectRecord, record_problems
from bioecon.domain.registers import RegisterFile, RegisterRow
from bioecon.errors import InvalidValue, Problem
from bioecon.io.registers import RegisterColumn, RegisterFormat, read_register_file
from bioecon.io.registers import _date as parse_date
from bioecon.io.registers import _required as parse_required
from bioecon.io.registers import _text as parse_text
from bioecon.io.tabular import Cell

Values = dict[str, Any]
Parser = Callable[[Cell, Values], Any]


def _amount(cell: Cell, values: Values) -> Decimal | None:
    if parse_text(cell, values) is None:
        return None
    amount = parse_amount(cell)
    if amount < 0:
        raise InvalidValue(f"{amount} 为负数；投资额须不小于0")
    return amount


def _year(cell: Cell, values: Values) -> int | None:
    if parse_text(cell, values) is None:
        return None
    year = parse_integer(cell)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidValue(f"{year} 不是有效年份（须在{MIN_YEAR}至{MAX_YEAR}之间）")
    return year


def _score(cell: Cell, values: Values) -> Decimal | None:
    if parse_text(cell, values) is None:
        return None
    score = parse_amount(cell)
    if score < 0:
        raise InvalidValue(f"{score} 为负数；得分须不小于0")
    return score


_YES, _NO = ("是", "入选", "y", "yes", "1", "true"), ("否", "未入选", "n", "no", "0", "false")


def _yes_no(cell: Cell, values: Values) -> bool | None:
    text = parse_text(cell, values)
    if text is None:
        return None
    if text.lower() in _YES:
        return True
    if text.lower() in _NO:
        return False
    raise InvalidValue(f"「{text}」应为 是 或 否")


def _month(cell: Cell, values: Values) -> Period:
    if isinstance(cell, date):
        return Period.containing(cell)
    period = Period.parse(parse_required(cell, values))
    if period.type is not PeriodType.MONTH:
        raise InvalidValue(f"「{period}」不是月份；写作 2026-10")
    return period


def _parsers(plan: str | None) -> Mapping[str, Parser]:
    book = project_stages()
    codelist = book.for_plan(plan)

    def stage(cell: Cell, values: Values) -> Any:
        text = parse_text(cell, values)
        return None if text is None else codelist.resolve(text)

    def annual_class(cell: Cell, values: Values) -> str | None:
        text = parse_text(cell, values)
        return None if text is None else book.annual_class(text)

    return {
        "required": parse_required,
        "text": parse_text,
        "date": parse_date,
        "amount": _amount,
        "year": _year,
        "month": _month,
        "stage": stage,
        "annual_class": annual_class,
        "score": _score,
        "yes_no": _yes_no,
    }


def _columns(section: str, plan: str | None) -> tuple[RegisterColumn, ...]:
    parsers = _parsers(plan)
    return tuple(
        RegisterColumn(
            str(c["field"]),
            str(c["header"]),
            _filled(parsers[c["kind"]]) if c.get("required") else parsers[c["kind"]],
            bool(c.get("required") or c["kind"] == "required"),
            tuple(c.get("aliases") or ()),
        )
        for c in project_columns()[section]
    )


def _filled(parse: Parser) -> Parser:
    """A parser refusing an empty cell (a required column of a kind that may be empty)."""

    def required(cell: Cell, values: Values) -> Any:
        parse_required(cell, values)
        return parse(cell, values)

    return required


def ledger_format(plan: str) -> RegisterFormat:
    """The project ledger of ``plan``: its stages are read in the plan's codelist."""
    book = project_stages()
    return RegisterFormat(
        "项目台账",
        "project",
        _columns("ledger", plan),
        lambda values: ProjectRecord(**values, plan=plan),
        lambda record: record_problems(record, book),
    )


def progress_format() -> RegisterFormat:
    """The monthly progress file (one row per project and month)."""
    return RegisterFormat(
        "月度调度",
        "project_progress",
        _columns("progress", None),
        lambda values: ProgressEntry(**values),
        lambda _: [],
    )


def selection_format() -> RegisterFormat:
    """The annual selection file (每年遴选): one row per candidate and year, with a
    「<name>得分」 column per criterion of ``projects/selection.yaml``."""
    criteria = selection_criteria()
    points = tuple(
        RegisterColumn(f"points.{c.code}", f"{c.name}得分", _score, False, (c.name,))
        for c in criteria.items
    )
    return RegisterFormat(
        "每年遴选",
        "project_selection",
        _columns("selection", None) + points,
        _selection_entry,
        lambda entry: selection_problems(entry, criteria),
    )


def _selection_entry(values: Values) -> SelectionEntry:
    scores = {
        name.removeprefix("points."): value
        for name, value in values.items()
        if name.startswith("points.") and value is not None
    }
    plain = {k: v for k, v in values.items() if not k.startswith("points.")}
    return SelectionEntry(**plain, scores=scores)


def read_project_selection(path: Path, *, sheet: str | None = None) -> RegisterFile[SelectionEntry]:
    """Parse an annual selection file, collecting every bad cell and broken rule."""
    parsed: RegisterFile[SelectionEntry] = read_register_file(path, selection_format(), sheet=sheet)
    return parsed


def read_project_ledger(
    path: Path, *, plan: str, sheet: str | None = None
) -> RegisterFile[ProjectRecord]:
    """Parse a project ledger for ``plan``, collecting every bad cell and broken rule."""
    parsed: RegisterFile[ProjectRecord] = read_register_file(path, ledger_format(plan), sheet=sheet)
    return parsed


def read_project_progress(path: Path, *, sheet: str | None = None) -> RegisterFile[ProgressEntry]:
    """Parse a monthly progress file, collecting every bad cell."""
    parsed: RegisterFile[ProgressEntry] = read_register_file(path, progress_format(), sheet=sheet)
    return parsed


def read_progress_form(
    project: str, fields: Mapping[str, str], *, source: str = "进展填报表单"
) -> RegisterFile[ProgressEntry]:
    """A progress entry typed into the project page's form (field name → text), read by the
    progress file's columns: the same parsers and messages as a file's row, each problem
    named by the field's header."""
    columns = _columns("progress", None)
    values: Values = {}
    problems: list[Problem] = []
    for column in columns:
        cell = project if column.field == "project" else fields.get(column.field) or None
        try:
            values[column.field] = column.parse(cell, values)
        except InvalidValue as error:
            problems.append(Problem(column.header, str(error)))
    headers = {c.field: c.header for c in columns}
    if problems:
        return RegisterFile(source, (), tuple(problems), headers)
    return RegisterFile(source, (RegisterRow(1, ProgressEntry(**values)),), (), headers)
