"""`bioecon datasets …` end to end on both backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.test_cli import run

DATA = Path(__file__).parent / "data"


def test_what_is_due_and_overdue(
    database_url: str, capsys: pytest.CaptureFixture[str], changsha_plan_file: Path, tmp_path: Path
) -> None:
    db = ["--db", database_url]
    assert run(capsys, *db, "plan", "load", str(changsha_plan_file))[0] == 0
    code, out, err = run(capsys, *db, "datasets", "load", str(DATA / "data-sets/cs-monthly.yaml"))
    assert code == 0 and "data set cs-monthly created: 2 indicators, 2 org units" in out, err
    values = tmp_path / "values.csv"
    # 浏阳 reports both indicators for February; 宁乡 nothing
    values.write_text(
        "indicator,org_unit,period,value,basis\n"
        "bio_scale,430181,2025-02,100,ytd\nbiomed_scale,430181,2025-02,50,ytd\n",
        encoding="utf-8",
    )
    assert run(capsys, *db, "data", "load", str(values))[0] == 0

    # judged on 2025-03-06: February was due 03-05; the values were loaded today, which is late
    code, out, _ = run(
        capsys, *db, "datasets", "status", "cs-monthly", "--as-of", "2025-03-06", "--format", "json"
    )
    assert code == 0
    rows = [(r["org_unit"], r["period"], r["reported"], r["timeliness"]) for r in json.loads(out)]
    assert rows == [("430181", "2025-02", 2, "late"), ("430182", "2025-02", 0, "overdue")]

    code, out, _ = run(
        capsys, *db, "datasets", "status", "cs-monthly", "--as-of", "2025-03-06", "--overdue"
    )
    assert code == 0 and "430182" in out and "逾期未报" in out and "430181" not in out
    code, out, _ = run(
        capsys, *db, "datasets", "rates", "cs-monthly", "--as-of", "2025-03-06", "--format", "json"
    )
    assert [(r["org_unit"], r["due"], r["rate"]) for r in json.loads(out)] == [
        ("430181", 1, 0.0),
        ("430182", 1, 0.0),
    ]
    code, out, err = run(capsys, *db, "datasets", "status", "nope")
    assert code == 4 and "no data set 'nope'" in err


def test_the_entry_template_is_prefilled_protected_and_validated(
    database_url: str, capsys: pytest.CaptureFixture[str], changsha_plan_file: Path, tmp_path: Path
) -> None:
    db = ["--db", database_url]
    assert run(capsys, *db, "plan", "load", str(changsha_plan_file))[0] == 0
    assert run(capsys, *db, "datasets", "load", str(DATA / "data-sets/cs-monthly.yaml"))[0] == 0
    values = tmp_path / "values.csv"
    # 2025-03 is the previous period of 2025-04; 2024-04 its same period last year
    values.write_text(
        "indicator,org_unit,period,value,basis\n"
        "bio_scale,430181,2025-03,310.5,ytd\nbio_scale,430181,2024-04,280,ytd\n",
        encoding="utf-8",
    )
    assert run(capsys, *db, "data", "load", str(values))[0] == 0
    out = tmp_path / "浏阳-2025-04.xlsx"
    code, text, err = run(
        capsys, *db, "datasets", "template", "cs-monthly", "--org-unit", "430181",
        "--period", "2025-04", "--out", str(out),
    )  # fmt: skip
    assert code == 0 and "2 indicators for 430181 2025-04" in text, err

    workbook = load_workbook(out)
    assert workbook.sheetnames == ["填报", "填表说明"]
    entry = workbook["填报"]
    rows = [[c.value for c in row] for row in entry.iter_rows()]
    assert rows[0] == [
        "指标",
        "指标名称",
        "单位",
        "区域",
        "期间",
        "口径",
        "上期值",
        "去年同期值",
        "数值",
        "来源",
    ]
    assert rows[1] == [
        "bio_scale",
        "生物经济产业规模",
        "亿元",
        "430181",
        "2025-04",
        "累计值",
        310.5,
        280,
        None,
        None,
    ]
    assert rows[2][:6] == [
        "biomed_scale",
        "生物医药产业规模",
        "亿元",
        "430181",
        "2025-04",
        "累计值",
    ]
    assert rows[2][6:] == [None, None, None, None]
    assert entry.protection.sheet
    assert entry["A2"].protection.locked and not entry["I2"].protection.locked
    assert not entry["J3"].protection.locked
    (validation,) = entry.data_validations.dataValidation
    assert validation.type == "decimal" and str(validation.sqref) == "I2:I3"
    assert "截止日期：2025年05月05日" in str(workbook["填表说明"]["A3"].value)

    # the reporter fills one of the two fields and uploads the template as it is
    entry["I2"] = 322.25
    entry["J2"] = "浏阳市统计局快报"
    workbook.save(out)
    code, text, err = run(capsys, *db, "data", "load", str(out))
    assert code == 0, err
    assert "1 inserted, 0 updated, 0 unchanged, 1 rows without a value skipped" in text
    code, text, _ = run(
        capsys, *db, "data", "export", "--indicator", "bio_scale", "--org-unit", "430181",
        "--from", "2025-04", "--to", "2025-04",
    )  # fmt: skip
    assert "bio_scale,430181,2025-04,322.25,,ytd,submitted,浏阳市统计局快报" in text

    code, _, err = run(
        capsys, *db, "datasets", "template", "cs-monthly", "--org-unit", "430181",
        "--period", "2025-01", "--out", str(out),
    )  # fmt: skip
    assert code == 3 and "1–2月合并" in err
    code, _, err = run(
        capsys, *db, "datasets", "template", "cs-monthly", "--org-unit", "430102",
        "--period", "2025-04", "--out", str(out),
    )  # fmt: skip
    assert code == 4 and "does not assign" in err
