"""The XLSX entry template (填报模板) of one unit and one period of a data set.

Sheet 填报 (first, so `data load` reads it): one pre-filled row per indicator — code, name,
unit, org unit, period and basis locked and grey; 上期值 and 去年同期值 beside the field for
comparison; 数值 and 来源 the only cells a reporter can change (the sheet is protected
without a password: it guards against slips, not people), with a data validation that
accepts numbers only. Sheet 填表说明 says what to fill and how to upload it. The file loads
back through the observation importer, which ignores the comparison columns and counts a
row left without a value as not reported (docs/reporting.md).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from bioecon.domain.amounts import MAX_MAGNITUDE
from bioecon.domain.data_sets import EntrySheet
from bioecon.domain.model import ObservationStatus
from bioecon.domain.reporting_calendar import due_date
from bioecon.io.observations import BASIS_NAMES
from bioecon.io.sheet_writer import put_xlsx_cell
from bioecon.messages import label

# (header, width): the importer reads 指标, 区域, 期间, 口径, 数值, 来源; the rest are for reading
COLUMNS = (
    ("指标", 24),
    ("指标名称", 30),
    ("单位", 10),
    ("区域", 12),
    ("期间", 10),
    ("口径", 10),
    ("上期值", 14),
    ("去年同期值", 14),
    ("数值", 16),
    ("来源", 30),
)
COMPARISON_HEADERS = ("指标名称", "单位", "上期值", "去年同期值")
"""Columns a template carries for the reporter to read; the importer ignores them."""

ENTRY_SHEET, HELP_SHEET = "填报", "填表说明"
_GREY = PatternFill("solid", fgColor="E7E6E6")


def write_entry_template(path: Path, sheet: EntrySheet) -> None:
    """Write the template of ``sheet`` to ``path`` (.xlsx)."""
    workbook = Workbook()
    entry = workbook.active
    assert entry is not None
    entry.title = ENTRY_SHEET
    _entry_rows(entry, sheet)
    _help(workbook.create_sheet(HELP_SHEET), sheet)
    workbook.save(path)


def _entry_rows(entry: Worksheet, sheet: EntrySheet) -> None:
    for column, (header, width) in enumerate(COLUMNS, start=1):
        put_xlsx_cell(entry.cell(1, column), header)
        entry.cell(1, column).font = Font(bold=True)
        entry.column_dimensions[get_column_letter(column)].width = width
    for row, field in enumerate(sheet.fields, start=2):
        i = field.indicator
        values = (
            i.code, i.name, i.unit, sheet.org_unit, str(sheet.period),
            BASIS_NAMES[i.basis], field.previous, field.last_year, field.value, None,
        )  # fmt: skip
        for column, value in enumerate(values, start=1):
            cell = entry.cell(row, column)
            put_xlsx_cell(cell, value)
            editable = COLUMNS[column - 1][0] in ("数值", "来源")
            cell.protection = Protection(locked=not editable)
            if not editable:
                cell.fill = _GREY
    last = len(sheet.fields) + 1
    numbers = DataValidation(
        type="decimal",
        operator="between",
        formula1=str(-MAX_MAGNITUDE + 1),
        formula2=str(MAX_MAGNITUDE - 1),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="数值",
        error="请填写数字（按指标单位，不带单位或“亿/万”）",
    )
    numbers.add(f"I2:I{last}")
    entry.add_data_validation(numbers)
    entry.freeze_panes = "A2"
    entry.protection.sheet = True  # no password: it prevents slips, it is not access control
    entry.protection.formatColumns = False  # reporters may still widen columns


def _help(help_sheet: Worksheet, sheet: EntrySheet) -> None:
    data_set = sheet.data_set
    lines = (
        f"填报任务：{data_set.name}（{data_set.code}）",
        f"填报单位：{sheet.org_unit_name}（{sheet.org_unit}）",
        f"报告期：{sheet.period}　截止日期：{due_date(sheet.period, data_set.due):%Y年%m月%d日}（北京时间）",
        "",
        "1. 只填写“数值”和“来源”两列；灰色列是指标和期间，请勿改动。",
        "2. 数值按“单位”列的计量单位填写，只写数字，不带单位，不写“亿”“万”。",
        "3. “上期值”“去年同期值”供对照，导入时不读取。",
        "4. 暂时没有数据的指标请留空，留空的行视为本期未报，不会被当作0。",
        "5. 填好后保存为 .xlsx，用 `bioecon data load 文件名.xlsx` 上传；整份文件要么全部导入，",
        "   要么一行不导入，错误会写明行号、列名和原因。",
        f"6. 数值状态：导入后为“{label(ObservationStatus.SUBMITTED)}”，经审核员审核通过后计入台账。",
    )
    help_sheet.column_dimensions["A"].width = 100
    for row, text in enumerate(lines, start=1):
        put_xlsx_cell(help_sheet.cell(row, 1), text)
        help_sheet.cell(row, 1).alignment = Alignment(wrap_text=False)
    help_sheet.cell(1, 1).font = Font(bold=True, size=13)
