"""`bioecon users …` end to end: the password comes from standard input, never an argument."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bioecon.cli import main


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *args: str,
    stdin: str = "",
) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        main(list(args))
        code = 0
    except SystemExit as done:
        code = int(done.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_users_are_added_listed_disabled_and_given_tokens(
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    changsha_plan_file: Path,
) -> None:
    db = ["--db", database_url]
    assert run(capsys, monkeypatch, *db, "plan", "load", str(changsha_plan_file))[0] == 0
    add = [*db, "users", "add", "lyjk-1", "--role", "reporter", "--org-unit", "CS-LYJK"]
    code, out = run(capsys, monkeypatch, *add, stdin="Park-reporter-1\n")
    assert code == 0, out
    assert "lyjk-1" in out and "CS-LYJK" in out and "Park-reporter-1" not in out

    code, out = run(capsys, monkeypatch, *add, stdin="Park-reporter-1\n")
    assert code == 5 and "已存在" in out  # Conflict
    code, out = run(
        capsys, monkeypatch, *db, "users", "add", "x1", "--role", "viewer", stdin="short\n"
    )
    assert code == 3 and "至少10个字符" in out  # InvalidValue, nothing written
    code, out = run(
        capsys, monkeypatch, *db, "users", "add", "x2", "--role", "viewer",
        "--password", "Park-reporter-1",
    )  # fmt: skip
    assert code == 2 and "No such option" in out  # a password is never an argument

    code, out = run(capsys, monkeypatch, *db, "users", "list", "--format", "json")
    assert code == 0
    listed = json.loads(out)
    assert [(u["login"], u["role"], u["org_unit"], u["active"]) for u in listed] == [
        ("lyjk-1", "reporter", "CS-LYJK", True)
    ]
    assert "hash" not in out and "argon2" not in out

    code, out = run(capsys, monkeypatch, *db, "users", "token", "lyjk-1", "--name", "脚本")
    assert code == 0 and out.strip().startswith("bec_")
    code, out = run(capsys, monkeypatch, *db, "users", "disable", "lyjk-1", "--reason", "调岗")
    assert code == 0 and "disabled" in out
    code, out = run(capsys, monkeypatch, *db, "users", "token", "lyjk-1", "--name", "二")
    assert code == 5 and "已停用" in out
    code, out = run(capsys, monkeypatch, *db, "users", "disable", "nobody")
    assert code == 4 and "没有用户 nobody" in out
