"""The CLI's statuses, explanations and reasons: Chinese as before, with the stable status
code beside the label in the JSON (both backends)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import run

LABELS = {  # status_code → the Chinese label `status` keeps (the JSON contract)
    "met": "达标",
    "on_track": "正常",
    "lagging": "滞后",
    "at_risk": "严重滞后",
    "no_data": "数据不足",
}


@pytest.fixture
def loaded(
    blank_database_url: str, changsha_plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> str:
    db = blank_database_url
    assert run(capsys, "--db", db, "db", "upgrade")[0] == 0
    assert run(capsys, "--db", db, "plan", "load", str(changsha_plan_file))[0] == 0
    data = changsha_plan_file.parent / "changsha-observations.csv"
    assert run(capsys, "--db", db, "data", "load", str(data), "--status", "approved")[0] == 0
    return db


def evaluate(capsys: pytest.CaptureFixture[str], db: str, *options: str) -> tuple[int, str]:
    found = run(
        capsys, "--db", db, "evaluate", "--plan", "changsha-2025", "--as-of", "2025-06", *options
    )
    return found[0], found[1]


def test_evaluate_json_carries_the_status_code_beside_the_chinese_label(
    loaded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = evaluate(capsys, loaded, "--format", "json")
    records = json.loads(out)
    assert code == 0 and len(records) == 26
    for record in records:
        assert LABELS[record["status_code"]] == record["status"], record["target_id"]
        assert set(record["status_by_method"].values()) <= set(LABELS.values())
    by_id = {r["target_id"]: r for r in records}
    t02 = by_id["T02"]  # measured: the explanation names the trailing 12 months in both
    assert t02["explanation"].startswith("2024-07/2025-06实际")
    assert t02["explanation_en"].startswith("2024-07/2025-06 actual ")
    unlinked = [r for r in records if r["explanation"] == "目标尚未关联监测指标"]
    assert unlinked and all(r["status_code"] == "no_data" for r in unlinked)
    assert {r["explanation_en"] for r in unlinked} == {
        "The target is not yet linked to a monitored indicator"
    }


def test_evaluate_table_and_ledger_notes_stay_chinese(
    loaded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = evaluate(capsys, loaded)
    assert code == 0 and "○数据不足" in out and "目标尚未关联监测指标" in out
    assert "no_data" not in out and "No data" not in out
    code, out, _ = run(
        capsys,
        "--db",
        loaded,
        *("ledger", "--indicator", "biomed_scale", "--org-unit", "430100"),
        *("--from", "2025-07", "--to", "2025-07"),
    )
    assert code == 0 and "无数据" in out  # July is not reported yet: LedgerReason.NO_DATA
