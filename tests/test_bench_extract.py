"""`bioecon bench extract` at a tiny size: it runs through the command and reads the seed
corpus's targets and tasks (speed is measured by the command, never asserted here)."""

from __future__ import annotations

import pytest

from bioecon.bench.extract import run_extract_bench, seed_corpus
from bioecon.extract.targets import extract_targets
from bioecon.extract.tasks import extract_tasks
from tests.test_cli import run


def test_extract_bench_reads_whole_copies_of_the_seed_corpus() -> None:
    (row,) = run_extract_bench(megabytes=0.1)
    corpus = seed_corpus()
    one_copy = len(extract_targets(corpus)) + len(extract_tasks(corpus))
    assert row.rows > 0 and row.rows % one_copy == 0
    assert "MB/s" in row.verdict


def test_bench_extract_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "bench", "extract", "--megabytes", "0.1")
    assert code == 0 and "extract targets and tasks" in out
