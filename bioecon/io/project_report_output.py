"""The monthly 项目调度 report as a workbook (汇总, 项目明细, 红灯项目, 黄灯项目) and as the
summary lines the CLI prints. Percentages are shown to one decimal; amounts are never
rounded (bioecon/io/sheet_writer.py writes every cell)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl import Workbook

from bioecon.catalogs import project_stages
from bioecon.domain.project_report import LineVerdict, MonthlyReport
from bioecon.domain.project_warnings import Colour
from bioecon.io.sheet_writer import put_xlsx_cell
from bioecon.io.tabular import Cell
from bioecon.messages import label

_TENTH = Decimal("0.1")
Sheet = tuple[str, Sequence[str], Sequence[Sequence[Cell]]]

LINE_HEADERS = (
    "项目编号",
    "项目名称",
    "所在区域",
    "责任单位",
    "实际建设阶段",
    "计划总投资（亿元）",
    "年度计划投资（万元）",
    "本年累计完成投资（万元）",
    "数据月份",
    "占年度计划（%）",
    "与序时进度差（百分点）",
    "计划开工日期",
    "实际开工日期",
    "入统日期",
    "投资进度",
    "开工",
    "入统",
    "预警",
    "遴选得分",
    "是否入选",
)


def percent(value: Decimal | None) -> Decimal | None:
    """A percentage to one decimal (half up), as the report shows it."""
    return None if value is None else value.quantize(_TENTH, rounding=ROUND_HALF_UP)


def gap_text(gap: Decimal | None) -> str:
    """超序时进度X个百分点 / 低于序时进度X个百分点 / 与序时进度持平 (无年度计划: 无法比较)."""
    shown = percent(gap)
    if shown is None:
        return "无年度计划投资，无法比较"
    if shown > 0:
        return f"超序时进度{shown}个百分点"
    if shown < 0:
        return f"低于序时进度{-shown}个百分点"
    return "与序时进度持平"


def summary_rows(report: MonthlyReport) -> list[list[Cell]]:
    """(项目, 数值) rows of the summary sheet, stages in the plan's codelist order."""
    codelist = project_stages().for_plan(report.plan)
    counts: list[list[Cell]] = [
        [f"{s.name}阶段项目（个）", Decimal(report.by_stage.get(s.code, 0))]
        for s in codelist.stages
    ]
    return [
        ["规划", report.plan],
        ["月份", str(report.period)],
        ["预警方案", report.preset],
        ["项目总数（个）", Decimal(report.projects)],
        *counts,
        ["计划总投资（亿元）", report.total_investment],
        ["年度计划投资（万元）", report.annual_plan],
        [f"1–{report.period.index}月累计完成投资（万元）", report.completed],
        ["占年度计划（%）", percent(report.completion)],
        ["序时进度（%）", percent(report.schedule)],
        ["序时进度比较", gap_text(report.gap)],
        ["计划开工（个）", Decimal(report.planned_starts)],
        ["实际开工（个）", Decimal(report.actual_starts)],
        ["提前开工（个）", Decimal(report.early_starts)],
        ["未按计划开工（个）", Decimal(report.late_starts)],
        ["红灯项目（个）", Decimal(len(report.listed(Colour.RED)))],
        ["黄灯项目（个）", Decimal(len(report.listed(Colour.YELLOW)))],
        [f"{report.period.year}年遴选候选项目（个）", Decimal(report.candidates)],
        [f"{report.period.year}年遴选入选项目（个）", Decimal(report.chosen)],
    ]


def line_row(report: MonthlyReport, verdict: LineVerdict) -> list[Cell]:
    line = verdict.line
    stage = project_stages().for_plan(report.plan).name_of(line.stage)
    colours = (verdict.investment, verdict.start, verdict.statistics, verdict.colour)
    return [
        line.code,
        line.name,
        line.org_unit,
        line.responsible_unit,
        stage,
        line.total_investment,
        line.annual_plan,
        line.completed,
        line.reported,
        percent(verdict.completion),
        percent(verdict.gap),
        line.planned_start,
        line.actual_start,
        line.in_statistics,
        *(label(c) for c in colours),
        line.selection_score,
        None if line.chosen is None else ("是" if line.chosen else "否"),
    ]


def report_sheets(report: MonthlyReport) -> list[Sheet]:
    lines = [line_row(report, v) for v in report.lines]
    red = [line_row(report, v) for v in report.listed(Colour.RED)]
    yellow = [line_row(report, v) for v in report.listed(Colour.YELLOW)]
    return [
        ("汇总", ("项目", "数值"), summary_rows(report)),
        ("项目明细", LINE_HEADERS, lines),
        ("红灯项目", LINE_HEADERS, red),
        ("黄灯项目", LINE_HEADERS, yellow),
    ]


def write_project_report(path: Path, report: MonthlyReport) -> None:
    """The report's workbook: one sheet per part, each with its header row."""
    workbook = Workbook()
    first = workbook.active
    if first is not None:
        workbook.remove(first)
    for title, headers, rows in report_sheets(report):
        sheet = workbook.create_sheet(title)
        for number, row in enumerate((headers, *rows), start=1):
            for column, value in enumerate(row, start=1):
                put_xlsx_cell(sheet.cell(number, column), value)
    workbook.save(path)
