"""Fuzz of the enterprise file: rows whose cells are mutated into anything (numbers of every
script and size, dates, codes, text) are read without any error but bioecon's own, in bounded
time; and a refused load leaves the registry tables exactly as they were (SQLite)."""

from __future__ import annotations

import contextlib
import csv
import io
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bioecon.app import Bioecon
from bioecon.errors import BioeconError, InvalidInput
from bioecon.io.enterprises import COLUMNS, read_enterprise_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.enterprises import load_enterprises
from bioecon.settings import Settings
from bioecon.store.tables import enterprise, enterprise_flag, enterprise_year

GOOD = {
    "uscc": "91110000600037341L",
    "name": "甲药业",
    "industry_code": "2761",
    "founded_on": "2010-01-01",
    "flags": "专精特新",
    "flags_valid_from": "2021-03-01",
    "year": "2025",
    "revenue": "1000",
    "employees": "120",
    "valuation": "12",
    "valuation_unit": "亿美元",
}
HOSTILE = st.sampled_from(
    [
        "1e9999999",
        "-1e9999999",
        "9" * 5000,
        "١٢٣",
        "²",
        "NaN",
        "inf",
        "-0",
        "1,234,567",
        "１２３．５",
        "2999-01-01",
        "٢٠١٥-03-01",
        "2020-13-45",
        "0000",
        "GB/T 4754-2099",
        '=HYPERLINK("x")',
        "'=1+1",
        "亿英镑",
        "专精特心；上市",
        "",
    ]
)
CELL = st.one_of(HOSTILE, st.text(max_size=30), st.integers().map(str), st.floats().map(str))
ROWS = st.lists(
    st.dictionaries(st.sampled_from(list(GOOD)), CELL, max_size=4), min_size=1, max_size=4
)
FUZZ = settings(max_examples=60, deadline=2000, suppress_health_check=list(HealthCheck))


def write_rows(path: Path, mutations: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for mutation in mutations:
        row = GOOD | mutation
        writer.writerow([row.get(column, "") for column in COLUMNS])
    path.write_text(buffer.getvalue(), encoding="utf-8")


@FUZZ
@given(ROWS)
def test_mutated_rows_give_only_bioecon_errors(
    tmp_path_factory: pytest.TempPathFactory, mutations: list[dict[str, str]]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "enterprises.csv"
    write_rows(path, mutations)
    with contextlib.suppress(InvalidInput):  # a bad header or file; cells are problems
        read_enterprise_file(path, today=date(2026, 12, 1))


@pytest.fixture
def registry(sqlite_template: Path, tmp_path: Path) -> Iterator[Bioecon]:
    """A SQLite registry holding one enterprise with a year and a flag."""
    database = tmp_path / "fuzz.db"
    shutil.copyfile(sqlite_template, database)
    with Bioecon(Settings(database_url=f"sqlite:///{database}")) as app:
        write_rows(tmp_path / "base.csv", [{}])
        load_enterprises(
            app,
            actor=LOCAL_ADMIN,
            origin="test",
            parsed=read_enterprise_file(tmp_path / "base.csv"),
        )
        yield app


def registry_rows(app: Bioecon) -> list[list[Any]]:
    with app.reading() as connection:
        return [
            sorted(tuple(row) for row in connection.execute(select(table)))
            for table in (enterprise, enterprise_year, enterprise_flag)
        ]


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(ROWS)
def test_a_refused_load_leaves_the_registry_unchanged(
    registry: Bioecon, tmp_path_factory: pytest.TempPathFactory, mutations: list[dict[str, str]]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "enterprises.csv"
    write_rows(path, [*mutations, {"uscc": "91110000600037341X"}])  # a bad code: always refused
    before = registry_rows(registry)
    with pytest.raises(BioeconError):
        load_enterprises(
            registry, actor=LOCAL_ADMIN, origin="test", parsed=read_enterprise_file(path)
        )
    assert registry_rows(registry) == before
