"""A .docx body read in document order: paragraphs and table rows, one line each, cells joined
by a tab, a merged cell once."""

from __future__ import annotations

from pathlib import Path

import docx

from bioecon.extract.reader import read_document
from tests.extract.docx_files import write_docx


def _indicator_table(path: Path) -> None:
    rows = [
        ["类别", "指标", "单位", "基期\n(2020年)", "2025年"],  # a cell of two paragraphs
        ["产业规模", "生物医药产业营业收入", "亿元", "800", "1500"],
        ["", "规上企业数量", "家", "120", "200"],
        ["创新能力", "研发投入强度", "%", "2.1", "3"],
    ]
    before, after = ["二、发展目标", "表1 主要指标"], ["三、重点任务"]
    write_docx(path, before, rows, after, merged_down=((1, 0),))  # 产业规模 spans two rows


def test_docx_tables_are_read_in_document_order(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    _indicator_table(path)
    assert read_document(path).split("\n") == [
        "二、发展目标",
        "表1 主要指标",
        "类别\t指标\t单位\t基期 (2020年)\t2025年",
        "产业规模\t生物医药产业营业收入\t亿元\t800\t1500",
        "\t规上企业数量\t家\t120\t200",  # the vertical merge's continuation: an empty cell
        "创新能力\t研发投入强度\t%\t2.1\t3",
        "三、重点任务",
    ]


def test_a_horizontally_merged_cell_is_one_cell(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "表2 重点任务分工"
    for cell, value in zip(table.rows[1].cells, ["任务", "牵头单位", "配合单位"], strict=True):
        cell.text = value
    path = tmp_path / "tasks.docx"
    document.save(str(path))
    assert read_document(path) == "表2 重点任务分工\n任务\t牵头单位\t配合单位"
