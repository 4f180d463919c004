"""What every benchmark reports (one :class:`BenchRow` per step) and how it times a step."""

from __future__ import annotations

import importlib
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from bioecon.app import Bioecon
from bioecon.errors import ConfigurationError
from bioecon.services.benchmark import scratch_database

BENCH_SCHEMA = "bioecon_bench"  # the PostgreSQL schema `bench ledger --postgres` owns

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class BenchRow:
    backend: str
    step: str
    seconds: float
    rows: int
    goal: str
    verdict: str


def timed(action: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def fresh(url: str) -> AbstractContextManager[Bioecon]:
    """A migrated, empty database (PostgreSQL: the schema ``bioecon_bench``, recreated)."""
    return scratch_database(url=url, schema=BENCH_SCHEMA)


def on_each_backend(
    run: Callable[[str, str], list[BenchRow]], postgres_url: str | None
) -> list[BenchRow]:
    """``run(backend, url)`` on a fresh SQLite file in a temporary folder, then on PostgreSQL
    at ``postgres_url`` when given: every benchmark's rows for both backends."""
    with tempfile.TemporaryDirectory() as folder:
        rows = run("sqlite", f"sqlite:///{Path(folder) / 'bench.db'}")
    if postgres_url:
        rows += run("postgresql", postgres_url)
    return rows


def require_extra(module: str, command: str) -> None:
    """Refuse, with what to install, a benchmark whose optional dependency is missing."""
    try:
        importlib.import_module(module)
    except ImportError as missing:
        raise ConfigurationError(
            f"`bioecon bench {command}` needs {module}, which is not installed: "
            "pip install 'bioecon[bench]' (make install includes it)"
        ) from missing
