"""Benchmark rows as a table: every `bioecon bench` command prints this shape."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bioecon.io.output import Column, Field, Record

BENCH_ROW: Record[Any] = Record(
    "BenchRow",
    (
        Field("backend", str),
        Field("step", str),
        Field("seconds", float),
        Field("rows", int),
        Field("goal", str),
        Field("verdict", str),
    ),
    (
        Column("backend", lambda r: r.backend),
        Column("step", lambda r: r.step),
        Column("seconds", lambda r: Decimal(f"{r.seconds:.3f}")),
        Column("rows", lambda r: r.rows),
        Column("goal", lambda r: r.goal),
        Column("verdict", lambda r: r.verdict),
    ),
)
"""Items: ``bioecon.bench.BenchRow``."""
