"""The org-unit file (区域名录) and the indicator file (指标名录): CSV or XLSX with Chinese
headers, read into records with every bad cell named by row and column, and written back in
the same shape (an export loads back unchanged). Enumerations are written in Chinese (地级市,
累计值) and read in Chinese or as their code values (city, ytd)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from bioecon.domain.directory_input import Coded, DirectoryFile, DirectoryLoadReport, DirectoryRow
from bioecon.domain.model import (
    Aggregation,
    Indicator,
    IndicatorNature,
    OrgLevel,
    OrgUnit,
    ReportingBasis,
)
from bioecon.domain.periods import PeriodType
from bioecon.errors import InvalidValue, Problem
from bioecon.io.observations import BASIS_ALIASES
from bioecon.io.sheet_writer import write_csv, write_xlsx
from bioecon.io.tabular import Cell, read_table
from bioecon.io.texttable import render_table
from bioecon.records import row_values

R = TypeVar("R", bound=Coded)
E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class FileColumn:
    """One column: the record's field, the Chinese header, how a cell is read and written."""

    field: str
    header: str
    read: Callable[[Cell], Any]
    write: Callable[[Any], Cell]
    required: bool = False


def _text(cell: Cell) -> str | None:
    if cell is None:
        return None
    return format(cell, "f") if isinstance(cell, Decimal) else str(cell)


def _required(cell: Cell) -> str:
    text = _text(cell)
    if text is None:
        raise InvalidValue("不能为空 (required)")
    return text


def _same(value: Any) -> Cell:
    return None if value is None else str(value)


def _enum(
    labels: Mapping[E, str], kind: type[E], also: Mapping[str, E] | None = None
) -> FileColumn:
    """An enumeration, written as its Chinese label; read as the label, another common word
    (``also``) or the code value."""
    words = {label: value for value, label in labels.items()} | dict(also or {})
    return FileColumn("", "", lambda cell: _enum_cell(cell, words, labels, kind), labels.get)


def _enum_cell(
    cell: Cell, words: Mapping[str, E], labels: Mapping[E, str], kind: type[E]
) -> E | None:
    text = _text(cell)
    if text is None:
        return None
    if text in words:
        return words[text]
    try:
        return kind(text)
    except ValueError:
        expected = "、".join(f"{label} ({value.value})" for value, label in labels.items())
        raise InvalidValue(f"'{text}' 不是可用的值; 可用: {expected}") from None


def _flag(cell: Cell) -> bool | None:
    text = _text(cell)
    if text is None:
        return None
    if text.lower() in ("是", "true", "1", "yes"):
        return True
    if text.lower() in ("否", "false", "0", "no"):
        return False
    raise InvalidValue(f"'{text}' 应为 是 或 否")


def _division_code(cell: Cell) -> str | None:
    text = _text(cell)
    if text is not None and not (len(text) == 12 and text.isascii() and text.isdigit()):
        raise InvalidValue(f"'{text}' 应为12位数字的统计用区划代码")
    return text


def _column(field: str, header: str, base: FileColumn, *, required: bool = False) -> FileColumn:
    return FileColumn(field, header, base.read, base.write, required)


_TEXT = FileColumn("", "", _text, _same)
_REQUIRED = FileColumn("", "", _required, _same)
_FLAG = FileColumn("", "", _flag, lambda v: None if v is None else ("是" if v else "否"))

LEVEL_LABELS = {
    OrgLevel.PROVINCE: "省级",
    OrgLevel.CITY: "地级市",
    OrgLevel.DISTRICT: "县级",
    OrgLevel.TOWN: "乡级",
    OrgLevel.PARK: "园区",
    OrgLevel.ZONE: "功能区",
}

LEVEL_WORDS = {
    "省": OrgLevel.PROVINCE,
    "地级": OrgLevel.CITY,
    "市": OrgLevel.CITY,
    "县": OrgLevel.DISTRICT,
    "区县": OrgLevel.DISTRICT,
    "乡镇": OrgLevel.TOWN,
    "街道": OrgLevel.TOWN,
    "开发区": OrgLevel.PARK,
}

ORG_UNIT_COLUMNS = (
    _column("code", "代码", _REQUIRED, required=True),
    _column("name", "名称", _REQUIRED, required=True),
    _column("level", "层级", _enum(LEVEL_LABELS, OrgLevel, LEVEL_WORDS), required=True),
    _column("parent", "上级代码", _TEXT),
    _column("division_code", "统计用区划代码", FileColumn("", "", _division_code, _same)),
    _column("additive", "计入上级合计", _FLAG),
    _column("name_en", "英文名称", _TEXT),
)

INDICATOR_COLUMNS = (
    _column("code", "指标代码", _REQUIRED, required=True),
    _column("name", "指标名称", _REQUIRED, required=True),
    _column("unit", "单位", _REQUIRED, required=True),
    _column(
        "nature",
        "性质",
        _enum({IndicatorNature.FLOW: "流量", IndicatorNature.STOCK: "存量"}, IndicatorNature),
    ),
    _column(
        "basis",
        "口径",
        _enum(
            {
                ReportingBasis.MONTH_VALUE: "当月值",
                ReportingBasis.YTD: "累计值",
                ReportingBasis.PERIOD_END: "期末值",
            },
            ReportingBasis,
            BASIS_ALIASES,  # the observation file's words: 当月, 累计, 期末 …
        ),
    ),
    _column(
        "period_type",
        "周期",
        _enum(
            {PeriodType.MONTH: "月", PeriodType.QUARTER: "季", PeriodType.YEAR: "年"}, PeriodType
        ),
    ),
    _column(
        "aggregation",
        "汇总方式",
        _enum({Aggregation.SUM: "求和", Aggregation.NONE: "不汇总"}, Aggregation),
    ),
    _column("jan_feb_combined", "1—2月合并", _FLAG),
    _column("name_en", "英文名称", _TEXT),
    _column("description", "说明", _TEXT),
)


def _read(
    path: Path, columns: tuple[FileColumn, ...], build: Callable[..., R], sheet: str | None
) -> DirectoryFile[R]:
    aliases = {c.header: c.field for c in columns}
    table = read_table(
        path,
        aliases=aliases,
        required=[c.field for c in columns if c.required],
        optional=[c.field for c in columns if not c.required],
        sheet=sheet,
    )
    rows: list[DirectoryRow[R]] = []
    problems: list[Problem] = []
    for raw in table.rows:
        found: dict[str, Any] = {}
        bad = False
        for column in columns:
            try:
                value = column.read(raw.cells.get(column.field))
            except InvalidValue as error:
                problems.append(Problem(f"第{raw.number}行 {column.header}", str(error)))
                bad = True
                continue
            if value is not None:
                found[column.field] = value
            elif column.required:
                problems.append(Problem(f"第{raw.number}行 {column.header}", "必填，不能为空"))
                bad = True
        if not bad:
            rows.append(DirectoryRow(raw.number, build(**found)))
    headers = {c.field: c.header for c in columns}
    return DirectoryFile(table.source, tuple(rows), tuple(problems), headers)


def read_org_unit_file(path: Path, *, sheet: str | None = None) -> DirectoryFile[OrgUnit]:
    """The org units of a 区域名录 file (columns: :data:`ORG_UNIT_COLUMNS`)."""
    return _read(path, ORG_UNIT_COLUMNS, OrgUnit, sheet)


def read_indicator_file(path: Path, *, sheet: str | None = None) -> DirectoryFile[Indicator]:
    """The indicators of a 指标名录 file (columns: :data:`INDICATOR_COLUMNS`)."""
    return _read(path, INDICATOR_COLUMNS, Indicator, sheet)


def _cells(columns: tuple[FileColumn, ...], records: Sequence[Any]) -> list[list[Cell]]:
    return [[c.write(getattr(r, c.field)) for c in columns] for r in records]


@dataclass(frozen=True)
class RegisterOutput:
    """A register's file shape as a CLI output (:class:`bioecon.io.output.Output`): JSON by
    field name, the table and the CSV with the file's Chinese headers."""

    title: str  # the XLSX sheet's name
    columns: tuple[FileColumn, ...]

    def records(self, items: Sequence[Any]) -> list[dict[str, Any]]:
        return [row_values(item) for item in items]

    def table(self, items: Sequence[Any]) -> str:
        return render_table([c.header for c in self.columns], _cells(self.columns, items))

    def csv(self, items: Sequence[Any]) -> str:
        return write_csv([c.header for c in self.columns], _cells(self.columns, items))

    def write(self, path: Path, items: Sequence[Any]) -> None:
        """.xlsx, or else CSV in UTF-8 with a BOM (as Excel opens Chinese), by the suffix."""
        if path.suffix.lower() == ".xlsx":
            headers = [c.header for c in self.columns]
            write_xlsx(path, headers, _cells(self.columns, items), title=self.title)
        else:
            path.write_text(self.csv(items), encoding="utf-8-sig")


ORG_UNITS = RegisterOutput("区域名录", ORG_UNIT_COLUMNS)
INDICATORS = RegisterOutput("指标名录", INDICATOR_COLUMNS)


def register_load_line(report: DirectoryLoadReport) -> str:
    """``FILE: 3 created, 1 updated, 0 unchanged``."""
    return (
        f"{report.source}: {report.created} created, {report.updated} updated, "
        f"{report.unchanged} unchanged"
    )
