"""`bioecon datasets …` end to end on both backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
