"""The corpus of bad inputs (tests/data/bad-inputs/*/cases.yaml, see its README): each case
runs ``bioecon`` in a forked child on a prepared database, on SQLite and PostgreSQL, and must
get its exit code and message, without a traceback, within its time bound, and leave every
table exactly as it was."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import create_engine, select, text

from bioecon.cli import main  # imported here, so every forked child starts with it
from bioecon.settings import normalise_database_url
from bioecon.store.tables import metadata

CORPUS = Path(__file__).parent / "data" / "bad-inputs"
DATA = Path(__file__).parent / "data"
DEFAULT_SECONDS = 20.0
SETUP_SECONDS = 300.0


@dataclass(frozen=True)
class Case:
    folder: str
    index: int
    spec: dict[str, Any]

    @property
    def name(self) -> str:
        return f"{self.folder}/{self.spec.get('file') or ' '.join(self.spec['run'])}"


@dataclass(frozen=True)
class Ran:
    exit: int | None  # None: killed after its time bound
    output: str


def folder_spec(folder: str) -> dict[str, Any]:
    loaded = yaml.safe_load((CORPUS / folder / "cases.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict), f"{folder}/cases.yaml: a mapping with setup and cases"
    return loaded


def all_cases() -> list[Case]:
    folders = sorted(p.parent.name for p in CORPUS.glob("*/cases.yaml"))
    return [
        Case(folder, index, spec)
        for folder in folders
        for index, spec in enumerate(folder_spec(folder).get("cases") or [])
    ]


def _child(args: list[str], out_path: str) -> None:
    """In the forked child: all output to one file, then bioecon's own entry point."""
    fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    sys.stdout = sys.stderr = os.fdopen(os.dup(1), "w", encoding="utf-8")
    code = 0
    try:
        main(args)
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except BaseException:  # what a user would see: Python's own traceback, exit 1
        import traceback

        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    os._exit(code)


def run_bioecon(args: list[str], seconds: float) -> Ran:
    """``bioecon ARGS`` in a forked child, killed after ``seconds``."""
    with tempfile.TemporaryDirectory() as folder:
        out_path = str(Path(folder) / "output.txt")
        child = multiprocessing.get_context("fork").Process(target=_child, args=(args, out_path))
        child.start()
        child.join(seconds)
        if child.is_alive():
            child.kill()
            child.join()
            return Ran(None, Path(out_path).read_text(encoding="utf-8", errors="replace"))
        return Ran(child.exitcode, Path(out_path).read_text(encoding="utf-8", errors="replace"))


def expand(args: list[Any], case_dir: Path, file: str | None, tmp: Path) -> list[str]:
    values = {
        "{file}": str(case_dir / file) if file else "",
        "{dir}": str(case_dir),
        "{data}": str(DATA),
        "{tmp}": str(tmp),
    }
    expanded = []
    for arg in args:
        word = str(arg)
        for key, value in values.items():
            word = word.replace(key, value)
        expanded.append(word)
    return expanded


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: what 'the database is unchanged' compares."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {
                table.name: sorted(
                    (tuple(repr(v) for v in row) for row in connection.execute(select(table))),
                )
                for table in metadata.sorted_tables
            }
    finally:
        engine.dispose()


class Prepared:
    """One database per backend, prepared by a folder's setup; re-prepared when the folder
    changes (SQLite: a copy of the folder's prepared file for every case)."""

    def __init__(self, template: Path, postgres_url: str | None, work: Path) -> None:
        self.template = template
        self.postgres_url = postgres_url
        self.work = work
        self.sqlite_files: dict[str, Path] = {}
        self.postgres_folder: str | None = None

    def url(self, backend: str, folder: str, case_dir: Path) -> str:
        if backend == "sqlite":
            if folder not in self.sqlite_files:
                path = self.work / f"{folder}.db"
                shutil.copyfile(self.template, path)
                self._setup(f"sqlite:///{path}", folder, case_dir)
                self.sqlite_files[folder] = path
            copy = self.work / f"{folder}-case.db"
            shutil.copyfile(self.sqlite_files[folder], copy)
            return f"sqlite:///{copy}"
        assert self.postgres_url is not None
        if self.postgres_folder != folder:
            self._empty_postgres()
            self._setup(self.postgres_url, folder, case_dir)
            self.postgres_folder = folder
        return self.postgres_url

    def _empty_postgres(self) -> None:
        assert self.postgres_url is not None
        engine = create_engine(self.postgres_url)
        names = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables)
        with engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        engine.dispose()

    def _setup(self, url: str, folder: str, case_dir: Path) -> None:
        for command in folder_spec(folder).get("setup") or []:
            args = ["--db", url, *expand(command, case_dir, None, self.work)]
            ran = run_bioecon(args, SETUP_SECONDS)
            assert ran.exit == 0, f"{folder} setup {command} failed:\n{ran.output}"


@pytest.fixture(scope="module")
def prepared(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prepared]:
    postgres = os.environ.get("BIOECON_TEST_POSTGRES_URL")
    yield Prepared(
        sqlite_template,
        normalise_database_url(postgres) if postgres else None,
        tmp_path_factory.mktemp("bad-inputs"),
    )


def _case_id(case: Case) -> str:
    return case.name


CASES = all_cases()


def test_the_corpus_is_not_empty() -> None:
    assert len(CASES) >= 1, f"no cases under {CORPUS}"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_bad_input(
    case: Case, backend: str, prepared: Prepared, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    if backend == "postgresql":
        request.getfixturevalue("postgres_url")  # skips with the reason when PostgreSQL is off
    spec = case.spec
    case_dir = CORPUS / case.folder
    file = spec.get("file")
    if file:
        assert (case_dir / file).is_file(), f"{case.name}: the file is missing"
        assert (case_dir / file).stat().st_size <= 100_000, f"{case.name}: over 100 KB"
    url = prepared.url(backend, case.folder, case_dir)
    before = snapshot(url)
    args = expand(spec["run"], case_dir, file, tmp_path)
    if not spec.get("no_db"):
        args = ["--db", url, *args]
    seconds = float(spec.get("seconds", DEFAULT_SECONDS))
    ran = run_bioecon(args, seconds)
    assert ran.exit is not None, f"{case.name}: still running after {seconds} s\n{ran.output}"
    assert "Traceback" not in ran.output, f"{case.name}: a traceback\n{ran.output}"
    assert ran.exit == spec["exit"], f"{case.name}: exit {ran.exit}\n{ran.output}"
    for words in spec.get("says") or []:
        assert str(words) in ran.output, f"{case.name}: no '{words}' in\n{ran.output}"
    after = snapshot(url)
    changed = sorted(name for name in before if before[name] != after[name])
    assert not changed, f"{case.name}: tables changed: {', '.join(changed)}"
