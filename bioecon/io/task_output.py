"""The task, notice and count lists as rows: for the CLI's tables and for the exports of every
list (XLSX, or CSV with a UTF-8 BOM so Excel opens the Chinese) — one column set per list,
shared by the CLI and the web pages."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from tempfile import TemporaryDirectory

from bioecon.domain.notices import Notice, UnitNoticeCounts
from bioecon.domain.tasks import TaskColour, TaskLine
from bioecon.io.sheet_writer import write_csv, write_xlsx
from bioecon.io.tabular import Cell
from bioecon.messages import label

TASK_COLUMNS = (
    "任务编号",
    "类型",
    "年度",
    "工作任务",
    "所属重点任务",
    "上级编号",
    "牵头单位",
    "配合单位",
    "责任领导",
    "完成时限",
    "成果形式",
    "完成进度（%）",
    "序时进度（%）",
    "逾期未报",
    "逾期补报",
    "状态",
)
NOTICE_COLUMNS = (
    "编号",
    "种类",
    "对象",
    "对象编号",
    "责任单位",
    "督办事由",
    "回复时限",
    "状态",
    "下发人",
    "下发时间",
    "升级自",
)
COUNT_COLUMNS = (
    "责任单位编号",
    "责任单位",
    "督办件数",
    "其中督办单",
    "待回复",
    "逾期未回复",
    "按时回复",
    "已销号",
    "已升级",
)


def one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"))


def task_rows(lines: Sequence[TaskLine]) -> list[list[Cell]]:
    return [
        [
            line.item.code,
            label(line.item.kind),
            Decimal(line.item.year),
            line.item.title,
            line.item.task,
            line.item.parent,
            "、".join(line.lead_names),
            "、".join(line.co_names),
            line.item.leader,
            None if line.item.deadline is None else line.item.deadline.label_zh,
            line.item.deliverable,
            line.status.percent,
            one_decimal(line.status.schedule),
            Decimal(line.status.missing),
            Decimal(line.status.late),
            colour_name(line.status.colour),
        ]
        for line in lines
    ]


def colour_name(colour: TaskColour) -> str:
    return label(colour)


def notice_rows(notices: Sequence[Notice], names: dict[str, str]) -> list[list[Cell]]:
    return [
        [
            n.code,
            label(n.kind),
            label(n.subject),
            n.subject_code,
            names.get(n.responsible_unit, n.responsible_unit),
            n.reason,
            n.reply_due.isoformat(),
            label(n.state),
            n.raised_by,
            n.raised_at.strftime("%Y-%m-%d %H:%M"),
            n.escalated_from,
        ]
        for n in notices
    ]


def count_rows(counts: Sequence[UnitNoticeCounts]) -> list[list[Cell]]:
    return [
        [c.responsible_unit, c.name]
        + [
            Decimal(value)
            for value in (
                c.raised,
                c.supervision,
                c.open,
                c.reply_overdue,
                c.replied_on_time,
                c.closed,
                c.escalated,
            )
        ]
        for c in counts
    ]


def write_list(
    path: Path, columns: Sequence[str], rows: Sequence[Sequence[Cell]], title: str
) -> None:
    """``path`` as XLSX (``.xlsx``) or CSV with a UTF-8 BOM (any other suffix)."""
    if path.suffix.lower() == ".xlsx":
        write_xlsx(path, columns, rows, title=title)
    else:
        path.write_text(write_csv(columns, rows), encoding="utf-8-sig")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def list_file(
    columns: Sequence[str], rows: Sequence[Sequence[Cell]], title: str, fmt: str
) -> tuple[bytes, str]:
    """A list's export as bytes and media type: ``xlsx``, or ``csv`` (UTF-8 with a BOM)."""
    if fmt == "csv":
        return write_csv(columns, rows).encode("utf-8-sig"), "text/csv; charset=utf-8"
    with TemporaryDirectory() as folder:
        path = Path(folder) / "list.xlsx"
        write_xlsx(path, columns, rows, title=title)
        return path.read_bytes(), XLSX
