"""Fuzz of the register files (platforms, approvals), the directory files (org units,
indicators) and the data-set file: any cell, any header, any text is read without an error
other than bioecon's own, in bounded time."""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bioecon.errors import BioeconError
from bioecon.io.data_set_file import read_data_set_file
from bioecon.io.directory_files import (
    INDICATOR_COLUMNS,
    ORG_UNIT_COLUMNS,
    read_indicator_file,
    read_org_unit_file,
)
from bioecon.io.registers import APPROVALS, PLATFORMS, read_register_file

HOSTILE = st.sampled_from(
    ["", "1e9999999", "١٢٣", "NaN", "2999-01-01", "2020-13-45", "=1+1", "'@x", "\x00", "😀",
     "430100", "national", "drug", "III", "9" * 300, "-1", "长沙市", "a\nb", '"']
)  # fmt: skip
CELLS = HOSTILE | st.text(max_size=40)


def _csv(headers: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


READERS: list[tuple[list[str], Callable[[Path], Any]]] = [
    ([c.header for c in PLATFORMS.columns], lambda p: read_register_file(p, PLATFORMS)),
    ([c.header for c in APPROVALS.columns], lambda p: read_register_file(p, APPROVALS)),
    ([c.header for c in ORG_UNIT_COLUMNS], read_org_unit_file),
    ([c.header for c in INDICATOR_COLUMNS], read_indicator_file),
]


@settings(
    max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    reader=st.sampled_from(range(len(READERS))),
    rows=st.lists(st.lists(CELLS, min_size=0, max_size=12), max_size=6),
    drop_header=st.booleans(),
)
def test_tabular_registers_raise_only_bioecon_errors(
    tmp_path: Path, reader: int, rows: list[list[str]], drop_header: bool
) -> None:
    headers, read = READERS[reader]
    path = tmp_path / "file.csv"
    path.write_text(_csv(headers[1:] if drop_header else headers, rows), encoding="utf-8")
    with contextlib.suppress(BioeconError):  # any other exception fails the test
        read(path)


@settings(
    max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(max_size=300)
    | st.sampled_from(
        [
            "code: a\nname: b\nperiod_type: month\nfirst_period: 2025-13\ndue: {day: 5}\n"
            "indicators: [x]\norg_units: [y]\n",
            "code: &a x\nname: *a\n",
            "due: {day: .nan}\n",
            "indicators: " + "[" * 100 + "]" * 100 + "\n",
        ]
    )
)
def test_the_data_set_file_raises_only_bioecon_errors(tmp_path: Path, text: str) -> None:
    path = tmp_path / "data-set.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with contextlib.suppress(BioeconError):  # any other exception fails the test
        read_data_set_file(path)
