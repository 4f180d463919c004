"""The task breakdown file (任务分解表): 年度工作要点 and 分解任务 of a plan, CSV or XLSX with
the Chinese headers of ``bioecon/data/tasks/columns.yaml``, read through the register reader
(bioecon/io/registers.py): every bad cell is named by its row and header (第3行 完成时限), and
a file with any problem is refused whole by the loader. Units are read as written (names,
aliases or codes); the loader resolves them against the responsible-unit table."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from bioecon.catalogs import task_columns
from bioecon.domain.amounts import parse_integer
from bioecon.domain.periods import MAX_YEAR, MIN_YEAR, Period
from bioecon.domain.registers import RegisterFile
from bioecon.domain.tasks import WorkItem, WorkItemKind
from bioecon.errors import InvalidValue
from bioecon.io.registers import RegisterColumn, RegisterFormat, read_register_file
from bioecon.io.registers import _required as parse_required
from bioecon.io.registers import _text as parse_text
from bioecon.io.tabular import Cell

Values = dict[str, Any]
Parser = Callable[[Cell, Values], Any]

KIND_NAMES: Mapping[str, WorkItemKind] = {
    "年度工作要点": WorkItemKind.WORK_POINT,
    "工作要点": WorkItemKind.WORK_POINT,
    "要点": WorkItemKind.WORK_POINT,
    "分解任务": WorkItemKind.SUB_TASK,
    "子任务": WorkItemKind.SUB_TASK,
    **{kind.value: kind for kind in WorkItemKind},
}
_SPLIT = re.compile(r"[、，,;；\s]+")
_YEAR_END = re.compile(r"([0-9]{4})\s*年?\s*(?:底|年底|末|年末|前)")


def _year(cell: Cell, values: Values) -> int | None:
    if parse_text(cell, values) is None:
        return None
    year = parse_integer(cell)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidValue(f"{year} 不是有效年份（须在{MIN_YEAR}至{MAX_YEAR}之间）")
    return year


def _kind(cell: Cell, values: Values) -> WorkItemKind | None:
    text = parse_text(cell, values)
    if text is None:
        return None
    if text not in KIND_NAMES:
        raise InvalidValue(f"「{text}」不是任务类型；写作 年度工作要点 或 分解任务")
    return KIND_NAMES[text]


def _list(cell: Cell, values: Values) -> tuple[str, ...]:
    text = parse_text(cell, values)
    return () if text is None else tuple(part for part in _SPLIT.split(text) if part)


def _deadline(cell: Cell, values: Values) -> Period | None:
    """2026, 2026年底 → 2026; 2026Q3, 2026年第三季度 → 2026Q3; 2026-09, 2026年9月 → 2026-09."""
    text = parse_text(cell, values)
    if text is None:
        return None
    end = _YEAR_END.fullmatch(text)
    try:
        return Period.of_year(int(end.group(1))) if end else Period.parse(text)
    except InvalidValue:
        raise InvalidValue(
            f"「{text}」不是完成时限；写作 2026、2026年底、2026Q3、2026年第三季度 或 2026-09"
        ) from None


_PARSERS: Mapping[str, Parser] = {
    "required": parse_required,
    "text": parse_text,
    "year": _year,
    "kind": _kind,
    "units": _list,
    "list": _list,
    "deadline": _deadline,
}


def _filled(parse: Parser) -> Parser:
    def required(cell: Cell, values: Values) -> Any:
        parse_required(cell, values)
        return parse(cell, values)

    return required


def _columns() -> tuple[RegisterColumn, ...]:
    return tuple(
        RegisterColumn(
            str(c["field"]),
            str(c["header"]),
            _filled(_PARSERS[c["kind"]]) if c.get("required") else _PARSERS[c["kind"]],
            bool(c.get("required") or c["kind"] == "required"),
            tuple(c.get("aliases") or ()),
        )
        for c in task_columns()["breakdown"]
    )


def _build(plan: str) -> Callable[[Values], WorkItem]:
    def build(values: Values) -> WorkItem:
        kind = values.pop("kind") or (
            WorkItemKind.SUB_TASK if values.get("parent") else WorkItemKind.WORK_POINT
        )
        return WorkItem(**values, plan=plan, kind=kind)

    return build


def _rules(item: WorkItem) -> list[tuple[str, str]]:
    problems = []
    if not item.lead_units:
        problems.append(("lead_units", "请填写牵头单位（无责任单位的任务由规划办在此补填）"))
    if item.kind is WorkItemKind.SUB_TASK and item.parent is None:
        problems.append(("parent", "分解任务须填写上级编号（所属的年度工作要点）"))
    if item.parent == item.code:
        problems.append(("parent", "上级编号不能是本任务"))
    if item.deadline is not None and item.deadline.year != item.year:
        problems.append(("deadline", f"完成时限{item.deadline}不在{item.year}年度内"))
    return problems


def breakdown_format(plan: str) -> RegisterFormat:
    """The breakdown file of ``plan``."""
    return RegisterFormat("任务分解", "work_item", _columns(), _build(plan), _rules)


def read_task_breakdown(
    path: Path, *, plan: str, sheet: str | None = None
) -> RegisterFile[WorkItem]:
    """Parse a breakdown file for ``plan``, collecting every bad cell and broken rule."""
    parsed: RegisterFile[WorkItem] = read_register_file(path, breakdown_format(plan), sheet=sheet)
    return parsed
