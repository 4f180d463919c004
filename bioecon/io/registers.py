"""The register files: the platform and carrier register (平台名录) and the product-approval
register (批文名录) as CSV or XLSX with Chinese headers, read and written.

Platform file columns (required first): 平台代码, 平台名称, 类型, 级别, 所在区域, 认定日期;
optional 依托单位统一社会信用代码, 认定文件, 状态 (有效/撤销, default 有效), 撤销日期, 备注.
Approval file columns: 批准文号 (or 注册证号), 产品名称, 类别, 持有人统一社会信用代码, 批准日期;
optional 分类, 所在区域 (default: the holder's), 有效期至, 备注. 类型, 级别, 类别 and 分类 take a
code or a Chinese name of ``bioecon/data/registers.yaml`` (国家级 or 国家, 第三类 or III); an
export writes the Chinese names, so it loads back unchanged. English field names are accepted
as headers too. Every bad cell is reported with its row and column, as the org-unit and
indicator directories do (第3行 类型: bioecon/io/directory_files.py; docs/registers.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from bioecon.catalogs import register_vocabulary, value_bounds
from bioecon.domain.bounds import RegistryBounds
from bioecon.domain.registers import (
    STATUS_NAMES,
    Approval,
    Platform,
    PlatformStatus,
    RegisterFile,
    RegisterRow,
    RegisterVocabulary,
    approval_problems,
    platform_problems,
)
from bioecon.errors import InvalidValue, Problem
from bioecon.io.sheet_writer import write_csv, write_xlsx
from bioecon.io.tabular import Cell, read_table
from bioecon.runtime import collector_paused

R = TypeVar("R")
Values = dict[str, Any]
Parser = Callable[[Cell, Values], Any]


@dataclass(frozen=True, slots=True)
class RegisterColumn:
    field: str  # the record's field
    header: str  # the Chinese header an export writes
    parse: Parser
    required: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RegisterFormat:
    """One register's file: its columns, how a row becomes a record, and its rules."""

    title: str  # the XLSX sheet name
    name: str  # its section of bounds.yaml (registry: platform, approval)
    columns: tuple[RegisterColumn, ...]
    build: Callable[[Values], Any]
    rules: Callable[[Any], list[tuple[str, str]]]

    @property
    def headers(self) -> dict[str, str]:
        return {c.field: c.header for c in self.columns}


# the fields naming a record of another table: checked by the loader for every row
REFERENCES = ("org_unit", "host", "holder")
_DATE = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")


def _text(cell: Cell, _: Values) -> str | None:
    if cell is None:
        return None
    return (format(cell, "f") if isinstance(cell, Decimal) else str(cell).strip()) or None


def _required(cell: Cell, values: Values) -> str:
    text = _text(cell, values)
    if text is None:
        raise InvalidValue("为空；必须填写")
    return text


def _date(cell: Cell, _: Values) -> date | None:
    if cell is None or isinstance(cell, date):
        return cell
    match = _DATE.fullmatch(str(cell).strip())
    try:
        if match is not None:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise InvalidValue(f"「{cell}」不是有效日期（月或日超出范围）") from None
    raise InvalidValue(f"「{cell}」不是日期；写作 2023-09-15")


def _required_date(cell: Cell, values: Values) -> date:
    day = _date(cell, values)
    if day is None:
        raise InvalidValue("为空；必须填写日期")
    return day


def _term(resolve: Callable[[RegisterVocabulary, str, Values], str], *, required: bool) -> Parser:
    def parse(cell: Cell, values: Values) -> str | None:
        text = _required(cell, values) if required else _text(cell, values)
        return None if text is None else resolve(_vocabulary(), text, values)

    return parse


def _status(cell: Cell, values: Values) -> PlatformStatus:
    text = _text(cell, values)
    if text is None:
        return PlatformStatus.ACTIVE
    if text in STATUS_NAMES:
        return STATUS_NAMES[text]
    try:
        return PlatformStatus(text.lower())
    except ValueError:
        raise InvalidValue(f"未知状态「{text}」；可用：有效、撤销") from None


def _vocabulary() -> RegisterVocabulary:
    return RegisterVocabulary.from_mapping(register_vocabulary())


def _class_of(vocabulary: RegisterVocabulary, text: str, values: Values) -> str:
    kind = values.get("kind")
    if kind is None:
        raise InvalidValue("类别无效，无法判断分类")
    return vocabulary.resolve_class(kind, text)


PLATFORMS = RegisterFormat(
    "平台名录",
    "platform",
    (
        RegisterColumn("code", "平台代码", _required, True),
        RegisterColumn("name", "平台名称", _required, True),
        RegisterColumn(
            "type", "类型", _term(lambda v, x, _: v.platform_types.resolve(x), required=True), True
        ),
        RegisterColumn(
            "level", "级别", _term(lambda v, x, _: v.levels.resolve(x), required=True), True
        ),
        RegisterColumn("host", "依托单位统一社会信用代码", _text, aliases=("依托单位信用代码",)),
        RegisterColumn("org_unit", "所在区域", _required, True, ("区域",)),
        RegisterColumn("approved_on", "认定日期", _required_date, True),
        RegisterColumn("document", "认定文件", _text, aliases=("认定文号",)),
        RegisterColumn("status", "状态", _status),
        RegisterColumn("revoked_on", "撤销日期", _date),
        RegisterColumn("note", "备注", _text),
    ),
    lambda values: Platform(**values),
    platform_problems,
)

APPROVALS = RegisterFormat(
    "批文名录",
    "approval",
    (
        RegisterColumn("number", "批准文号", _required, True, ("注册证号", "证书编号")),
        RegisterColumn("product", "产品名称", _required, True),
        RegisterColumn(
            "kind", "类别", _term(lambda v, x, _: v.approval_kinds.resolve(x), required=True), True
        ),
        RegisterColumn("product_class", "分类", _term(_class_of, required=False)),
        RegisterColumn("holder", "持有人统一社会信用代码", _required, True, ("持有人信用代码",)),
        RegisterColumn("org_unit", "所在区域", _text, aliases=("区域",)),
        RegisterColumn("approved_on", "批准日期", _required_date, True),
        RegisterColumn("valid_until", "有效期至", _date),
        RegisterColumn("note", "备注", _text),
    ),
    lambda values: Approval(**values),
    approval_problems,
)


def read_register_file(
    path: Path, register: RegisterFormat, *, sheet: str | None = None, today: date | None = None
) -> RegisterFile[Any]:
    """Parse every row of a register file, collecting every bad cell and broken rule; dates are
    bounded by ``today`` (default: today, UTC) as bounds.yaml says."""
    day = today or datetime.now(UTC).date()
    aliases = {c.header: c.field for c in register.columns} | {
        alias: c.field for c in register.columns for alias in c.aliases
    }
    with collector_paused():
        table = read_table(
            path,
            aliases=aliases,
            required=[c.field for c in register.columns if c.required],
            optional=[c.field for c in register.columns if not c.required],
            sheet=sheet,
        )
        headers = register.headers
        rows: list[RegisterRow[Any]] = []
        problems: list[Problem] = []
        references: list[tuple[int, str, str]] = []
        for raw in table.rows:
            found = _row(register, raw.cells, (raw.number, day), headers, problems)
            if found is not None:
                rows.append(RegisterRow(raw.number, found))
            references += [
                (raw.number, field, code)
                for field in REFERENCES
                if field in headers and (code := _text(raw.cells.get(field), {})) is not None
            ]
        if not table.rows:
            problems.append(Problem("", "文件没有数据行"))
        return RegisterFile(table.source, tuple(rows), tuple(problems), headers, tuple(references))


def _row(
    register: RegisterFormat,
    cells: Mapping[str, Cell],
    place: tuple[int, date],
    headers: Mapping[str, str],
    problems: list[Problem],
) -> Any | None:
    """The row's record, or None after adding its problems; ``place`` is (row, today)."""
    number, day = place
    values: Values = {}
    before = len(problems)
    bounds = value_bounds()[0]
    for column in register.columns:
        try:
            values[column.field] = column.parse(cells.get(column.field), values)
        except InvalidValue as error:
            values[column.field] = None
            problems.append(Problem(f"第{number}行 {column.header}", str(error)))
            continue
        finding = _bounded(bounds, register.name, column.field, values[column.field], day)
        if finding is not None:
            problems.append(Problem(f"第{number}行 {column.header}", finding))
    if len(problems) > before:
        return None
    record = register.build(values)
    problems += [
        Problem(f"第{number}行 {headers[field]}", message)
        for field, message in register.rules(record)
    ]
    return record if len(problems) == before else None


def _bounded(
    bounds: RegistryBounds, register: str, field: str, value: object, day: date
) -> str | None:
    """Why bounds.yaml refuses the field's value (register bounds refuse; none only warn)."""
    if not isinstance(value, date):
        return None
    finding = bounds.check(register, field, value, day)
    return finding.message if finding is not None and finding.severity == "error" else None


def register_rows(register: RegisterFormat, records: Sequence[Any]) -> list[list[Cell]]:
    """The records as rows of the file, vocabulary written by its Chinese names."""
    vocabulary = _vocabulary()
    names: dict[str, Callable[[Any], str]] = {
        "type": vocabulary.platform_types.name_of,
        "level": vocabulary.levels.name_of,
        "kind": vocabulary.approval_kinds.name_of,
        "status": lambda s: "撤销" if s is PlatformStatus.REVOKED else "有效",
    }
    rows: list[list[Cell]] = []
    for record in records:
        row: list[Cell] = []
        for column in register.columns:
            value = getattr(record, column.field)
            if value is not None and column.field in names:
                value = names[column.field](value)
            elif value is not None and column.field == "product_class":
                value = vocabulary.approval_classes[record.kind].name_of(value)
            row.append(value)
        rows.append(row)
    return rows


def write_register_file(path: Path, register: RegisterFormat, records: Sequence[Any]) -> None:
    """The records in the format :func:`read_register_file` reads (.csv or .xlsx)."""
    headers = [c.header for c in register.columns]
    rows = register_rows(register, records)
    if path.suffix.lower() == ".xlsx":
        write_xlsx(path, headers, rows, title=register.title)
    else:
        path.write_text(write_csv(headers, rows), encoding="utf-8-sig")
