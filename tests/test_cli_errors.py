"""Every error path of the command line: a short message and a documented exit code, never a
traceback. Two tables: hand-written cases with their exact code and words (both backends),
and a walk of every command in ``bioecon --help`` with hostile arguments made from each
parameter's type (an unknown option, out-of-range numbers, folders that do not exist, unknown
codes, files that do not exist) on a migrated and on a blank database."""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

import click
import pytest

from bioecon.cli import EXIT_CODES, cli, internal_error, main
from bioecon.cli_common import OutputFile

ROOT = Path(__file__).parent.parent
DOCUMENTED = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 70, 130}  # docs/cli.md's table, written out by hand
UNREACHABLE = "postgresql://postgres:s3cret@127.0.0.1:1/bioecon"
LONG_RUNNING = {"serve", "bench", "demo"}  # run for minutes (or forever) when their values parse


def run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> tuple[int, str]:
    """``bioecon ARGS`` through ``main`` (the real exit code), stdin empty; code and output."""
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    try:
        main(args)
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


# --- the hand-written table -----------------------------------------------------------------

IN_CSV = "name,industry_code,business_scope\n甲公司,2761,生物药品\n"
CASES: list[tuple[list[str], int, list[str]]] = [
    (["tiers", "--year", "99999999999"], 2, ["--year", "99999999999", "1949<=x<=2200"]),
    (["enterprises", "ledger", "--indicator", "bio_revenue", "--year", "-5"], 2, ["--year"]),
    (["tiers", "--year", "2025", "--tier", "nope"], 4, ["no tier nope"]),
    (["plan", "show", "no-such-plan"], 4, ["no-such-plan"]),
    (["plan", "show", "99999999999999999999999"], 3, ["请检查输入"]),
    (["plan", "export", "no-such-plan", "--out", "{tmp}/missing/plan.yaml"], 2, ["不存在"]),
    (["plan", "load", "{tmp}/missing.plan.yaml"], 3, ["missing.plan.yaml"]),
    (["data", "check", "--as-of", "2025-13"], 3, ["2025-13"]),
    (["data", "export", "--indicator", "x", "--from", "someday"], 3, ["someday"]),
    (["enterprises", "export", "--out", "{tmp}"], 2, ["--out"]),
    (["classify", "{tmp}/in.csv", "--out", "{tmp}/nowhere/out.csv"], 2, ["nowhere", "不存在"]),
    (["classify", "{tmp}/in.csv", "--out", "{tmp}/in.csv"], 2, ["输入文件本身"]),
    (["classify", "{tmp}/in.csv", "--out", "{tmp}"], 2, ["directory"]),
    (["classify", "--db", "--table", "{tmp}/missing.csv"], 3, ["missing.csv", "cannot read"]),
    (["classify", "{tmp}/in.csv"], 2, ["--out"]),
    (["serve", "--port", "70000"], 2, ["--port", "70000"]),
    (["bench", "classify", "--count", "5"], 2, ["--count"]),
    (["users", "add"], 2, ["Missing argument"]),
    (["plan", "no-such-command"], 2, ["No such command"]),
]


@pytest.mark.parametrize(("args", "code", "says"), CASES, ids=lambda v: str(v))
def test_an_error_gets_its_code_and_message(
    args: list[str],
    code: int,
    says: list[str],
    database_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "in.csv").write_text(IN_CSV, encoding="utf-8")
    argv = ["--db", database_url, *(a.replace("{tmp}", str(tmp_path)) for a in args)]
    got, output = run(capsys, monkeypatch, argv)
    assert (got, "Traceback" in output) == (code, False), output
    for words in says:
        assert words in output
    assert (tmp_path / "in.csv").read_text(encoding="utf-8") == IN_CSV


def test_a_blank_and_an_old_database_say_run_db_upgrade(
    blank_database_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = ["--db", blank_database_url]
    assert run(capsys, monkeypatch, [*db, "plan", "list"])[0] == 6
    assert run(capsys, monkeypatch, [*db, "db", "upgrade", "--revision", "0001"])[0] == 0
    code, output = run(capsys, monkeypatch, [*db, "tiers", "--year", "2025"])
    assert (code, "bioecon db upgrade" in output) == (6, True), output


@pytest.mark.parametrize("command", [["db", "info"], ["db", "upgrade"], ["plan", "list"]])
def test_an_unreachable_server_is_one_line_naming_it_without_the_password(
    command: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, output = run(capsys, monkeypatch, ["--db", UNREACHABLE, *command])
    assert code == 6
    assert output.startswith("error: 无法连接数据库 127.0.0.1:1/bioecon：")
    assert len(output.strip().splitlines()) == 1 and "s3cret" not in output


def test_a_sqlite_file_in_a_folder_that_cannot_exist_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'file' / 'sub' / 'bioecon.db'}"
    code, output = run(capsys, monkeypatch, ["--db", url, "db", "info"])
    assert (code, len(output.strip().splitlines())) == (6, 1), output
    assert "无法创建数据库文件夹" in output


def test_an_unsupported_database_url_is_a_configuration_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, output = run(capsys, monkeypatch, ["--db", "mysql://u@h/db", "plan", "list"])
    assert (code, "unsupported database URL" in output) == (7, True)


# --- the uncaught-exception handler and the exit-code table ---------------------------------


@click.command("fail-for-test")
def _fail_for_test() -> None:
    raise KeyError("a bug")


def test_an_uncaught_exception_is_one_line_and_exit_70_with_the_traceback_in_a_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.add_command(_fail_for_test)  # a real command with a real bug, for this test only
    try:
        code, output = run(capsys, monkeypatch, ["fail-for-test"])
    finally:
        del cli.commands["fail-for-test"]
    assert code == 70 and "Traceback" not in output
    line = output.strip()
    assert line.startswith("内部错误：KeyError: 'a bug'；请报告此问题（详细信息已写入 ")
    written = Path(re.sub(r".*详细信息已写入 (.*)）$", r"\1", line))
    assert written.parent == Path(tempfile.gettempdir())
    text = written.read_text(encoding="utf-8")
    assert text.startswith("Traceback") and "KeyError: 'a bug'" in text
    written.unlink()


def test_the_internal_error_line_keeps_to_one_line() -> None:
    line = internal_error(ValueError("first\nsecond"))
    assert line.startswith("内部错误：ValueError: first；请报告此问题") and "\n" not in line
    Path(line.rsplit(" ", 1)[1].rstrip("）")).unlink()


def test_the_documented_exit_codes_are_the_codes_the_cli_uses() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    section = text.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    listed = {int(code) for code in re.findall(r"^\| (\d+) \|", section, re.MULTILINE)}
    assert listed == DOCUMENTED
    assert set(EXIT_CODES.values()) == {3, 4, 5, 6, 7, 8, 9}


# --- the walk over every command ------------------------------------------------------------


def _leaves(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    if isinstance(command, click.Group):
        return [
            leaf
            for name, sub in sorted(command.commands.items())
            if not sub.hidden
            for leaf in _leaves(sub, [*path, name])
        ]
    return [(path, command)]


LEAVES = _leaves(cli, [])


def _hostile(param: click.Parameter, tmp: Path) -> str:
    """A value of the parameter's type that names nothing real, or is out of its range."""
    kind = param.type
    if isinstance(kind, OutputFile):
        return str(tmp / "no-such-folder" / "out.csv")
    if isinstance(kind, click.Path):
        return str(tmp / "no-such-file.csv")
    if isinstance(kind, click.Choice):
        return str(kind.choices[0])
    if isinstance(kind, click.types.IntParamType | click.types.FloatParamType):
        return "99999999999999999999999"
    return "NO-SUCH-CODE"


def _argv(command: click.Command, tmp: Path, every: bool) -> list[str]:
    """The command's required parameters (``every``: and each option taking a value) given
    hostile values."""
    argv: list[str] = []
    for param in command.params:
        wanted = param.required or (every and isinstance(param, click.Option))
        if not wanted or (isinstance(param, click.Option) and param.is_flag):
            continue
        if isinstance(param, click.Option):
            argv.append(param.opts[0])
        argv.append(_hostile(param, tmp))
    return argv


def _refused_by_parsing(command: click.Command) -> bool:
    """Whether a hostile value of some option fails to parse (so the command never runs)."""
    bounded = (click.IntRange, click.FloatRange, OutputFile)
    return any(isinstance(p.type, bounded) for p in command.params if isinstance(p, click.Option))


def _check(code: int, output: str, argv: list[str]) -> None:
    assert code in DOCUMENTED - {70} and "Traceback" not in output, (argv, code, output)
    if code in (4, 5, 6, 7, 8, 9):
        assert len(output.strip().splitlines()) == 1, (argv, output)


@pytest.mark.parametrize(("path", "command"), LEAVES, ids=[" ".join(p) for p, _ in LEAVES])
def test_every_command_refuses_hostile_arguments_with_a_documented_code(
    path: list[str],
    command: click.Command,
    sqlite_template: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    migrated = tmp_path / "migrated.db"
    migrated.write_bytes(sqlite_template.read_bytes())
    code, output = run(capsys, monkeypatch, [*path, "--no-such-option"])
    assert (code, "No such option" in output) == (2, True), output
    databases = [f"sqlite:///{migrated}", f"sqlite:///{tmp_path / 'blank.db'}"]
    for every in (False, True):
        argv = [*path, *_argv(command, tmp_path, every)]
        if path[0] in LONG_RUNNING and not (every and _refused_by_parsing(command)):
            continue  # values that parse start the server or a benchmark
        for db in databases:
            code, output = run(capsys, monkeypatch, ["--db", db, *argv])
            _check(code, output, argv)
