"""The reader's limits and refusals (bioecon/io/tabular.py), beyond the corpus's small files:
the ones that need a large file, or a workbook written by openpyxl itself."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from bioecon.errors import InvalidInput
from bioecon.io.observations import read_observation_file
from bioecon.io.tabular import Sheet, read_table


def table(path: Path) -> Sheet:
    return read_table(path, aliases={}, required=("a",), optional=("b",))


def refusal(path: Path) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        table(path)
    return [str(p) for p in caught.value.problems]


def test_a_field_past_the_csv_limit_names_the_row_where_it_began(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("a,b\n1,2\n3," + "x" * 1_100_000 + "\n", encoding="utf-8")
    assert refusal(path) == ["row 3: 单元格超过 1,048,576 个字符，多半是这一行的引号没有闭合"]


def test_an_unclosed_quote_is_refused_not_read_as_one_long_row(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text('a,b\n1,2\n3,"4\n5,6\n7,8\n', encoding="utf-8")
    assert refusal(path) == ["row 3: 引号没有闭合：这一行开始的引号直到文件末尾都没有结束引号"]


def test_a_quoted_cell_may_hold_a_line_break(tmp_path: Path) -> None:
    path = tmp_path / "multiline.csv"
    path.write_text('a,b\n"1\n2",3\n4,5\n', encoding="utf-8")
    sheet = table(path)
    assert [(r.number, r.cells) for r in sheet.rows] == [
        (3, {"a": "1\n2", "b": "3"}),
        (4, {"a": "4", "b": "5"}),
    ]


def test_a_long_cell_is_measured_after_its_spaces_are_stripped(tmp_path: Path) -> None:
    # MAX_CELL_CHARS is 32,767 (Excel's own limit): 40,000 spaces around "42" strip to
    # "42", which is read; 32,768 letters are one too many, and the row names the cell
    path = tmp_path / "spaces.csv"
    path.write_text("a,b\n" + " " * 20_000 + "42" + " " * 20_000 + ",1\n2," + "y" * 32_768, "utf-8")
    with pytest.raises(InvalidInput) as caught:
        table(path)
    assert [str(p) for p in caught.value.problems] == [
        "row 3, column b: 单元格有 32,768 个字符，超过上限 32,767"
    ]
    path.write_text("a,b\n" + " " * 20_000 + "42" + " " * 20_000 + ",1\n", "utf-8")
    assert [(r.number, r.cells) for r in table(path).rows] == [(2, {"a": "42", "b": "1"})]


def test_only_a_leading_formula_mark_is_taken_off(tmp_path: Path) -> None:
    # an export writes '=1+1 for the text =1+1 (io/formula_guard.py); an apostrophe inside a
    # cell, or before text that starts no formula, is the cell's own text
    path = tmp_path / "marks.csv"
    path.write_text("a,b\n'=1+1,it's\n'abc,''@x\n", encoding="utf-8")
    assert [(r.number, r.cells) for r in table(path).rows] == [
        (2, {"a": "=1+1", "b": "it's"}),
        (3, {"a": "'abc", "b": "'@x"}),
    ]


def test_a_gb18030_file_is_recognised_past_its_first_megabyte(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    rows = "".join(f"{n},{'长沙' if n == 70_000 else 'x' * 20}\n" for n in range(80_000))
    path.write_bytes(("a,b\n" + rows).encode("gb18030"))
    sheet = table(path)
    assert sheet.rows[70_000].cells == {"a": "70000", "b": "长沙"}


def test_a_formula_openpyxl_wrote_without_a_result_is_refused(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["a", "b"])
    sheet.append(["=1+1", 2])
    path = tmp_path / "formula.xlsx"
    book.save(path)
    assert refusal(path) == ["row 2, column a: 公式没有计算结果；请在 Excel 中打开并保存后再导入"]


def test_an_xlsx_is_read_only_as_far_as_its_cells_go(tmp_path: Path) -> None:
    """openpyxl's own reader pads every row to the declared dimension (16,384 columns ×
    1,048,576 rows here); the present rows are read, numbered as Excel numbers them."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["a", "b"])
    sheet["A5"] = "x"
    path = tmp_path / "declared.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet_xml = parts["xl/worksheets/sheet1.xml"].decode()
    start = sheet_xml.index("<dimension ref=")
    end = sheet_xml.index("/>", start)
    parts["xl/worksheets/sheet1.xml"] = (
        sheet_xml[:start] + '<dimension ref="A1:XFD1048576"' + sheet_xml[end:]
    ).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    read = table(path)
    assert [(r.number, r.cells) for r in read.rows] == [(5, {"a": "x"})]


def test_a_bad_cell_in_an_observation_file_read_whole_refuses_it(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(
        "indicator,org_unit,period,value,source\nbio,1,2025-01,1," + "y" * 40_000 + "\n"
    )
    with pytest.raises(InvalidInput) as caught:
        read_observation_file(path)
    assert [str(p) for p in caught.value.problems] == [
        "row 2, column source: 单元格有 40,000 个字符，超过上限 32,767"
    ]
