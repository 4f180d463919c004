"""`bioecon data approve|reject|reopen|history` end to end on both backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import run

KEY = ["--indicator", "biomed_scale", "--org-unit", "430181", "--period", "2025-06"]


def test_a_value_is_rejected_resubmitted_approved_and_its_history_shown(
    database_url: str, capsys: pytest.CaptureFixture[str], changsha_plan_file: Path, tmp_path: Path
) -> None:
    db = ["--db", database_url]
    assert run(capsys, *db, "plan", "load", str(changsha_plan_file))[0] == 0
    values = tmp_path / "v.csv"
    values.write_text("indicator,org_unit,period,value,basis\nbiomed_scale,430181,2025-06,88,ytd\n")
    assert run(capsys, *db, "data", "load", str(values))[0] == 0
    value = [*KEY, "--basis", "ytd"]

    code, _, err = run(capsys, *db, "data", "reject", *value)
    assert code == 2 and "--note" in err  # a rejection needs its comment
    code, out, _ = run(capsys, *db, "data", "reject", *value, "--note", "请附统计局口径说明")
    assert code == 0 and "已报送 → 草稿" in out
    code, out, err = run(capsys, *db, "data", "approve", *value)
    assert code == 5, err  # a draft is not approved: it is submitted first
    assert run(capsys, *db, "data", "submit", *value)[0] == 0
    code, out, err = run(capsys, *db, "data", "approve", *value, "--seen", "87")
    assert code == 5, err  # not the value the reviewer checked
    code, out, _ = run(capsys, *db, "data", "approve", *value, "--seen", "88")
    assert code == 0 and "已报送 → 已审核" in out

    code, out, _ = run(capsys, *db, "data", "history", *KEY, "--format", "json")
    assert code == 0
    events = json.loads(out)
    assert [(e["action"], e["actor"], e["reason"]) for e in events] == [
        ("create", "local-admin", None),  # `data load`
        ("reject", "local-admin", "请附统计局口径说明"),
        ("submit", "local-admin", None),
        ("approve", "local-admin", None),
    ]
    assert events[0]["record_key"] == "biomed_scale/430181/2025-06/ytd"
    assert events[0]["origin"].startswith("cli:")
