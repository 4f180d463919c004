"""Fuzz the table reader (bioecon/io/tabular.py): any bytes as a .csv, any damage to an
.xlsx — read, or refused only with bioecon's
own error, within a bound (the load's own fuzz: tests/services/test_fuzz_observation_load.py)."""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from bioecon.errors import InvalidInput
from bioecon.io.tabular import read_table

FUZZ = settings(
    max_examples=150,
    deadline=2_000,  # ms per example: a reader that hangs fails
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def read(path: Path) -> None:
    with contextlib.suppress(InvalidInput):
        read_table(path, aliases={"指标": "a"}, required=("a",), optional=("b", "c"))


def _workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["a", "b", "c"])
    sheet.append(["文本", 12.5, "=A2&B2"])
    sheet.append([None, -3, "x"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


WORKBOOK = _workbook()
with zipfile.ZipFile(io.BytesIO(WORKBOOK)) as _archive:
    PARTS = {name: _archive.read(name) for name in _archive.namelist()}


@FUZZ
@given(st.binary(max_size=2_000))
def test_any_bytes_as_csv_are_read_or_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "any.csv"
    path.write_bytes(data)
    read(path)


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(WORKBOOK) - 1), st.integers(0, 255)), max_size=8))
def test_an_xlsx_with_damaged_bytes_is_read_or_refused(
    tmp_path: Path, flips: list[tuple[int, int]]
) -> None:
    data = bytearray(WORKBOOK)
    for at, value in flips:
        data[at] = value
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))
    read(path)


@FUZZ
@given(
    st.sampled_from(sorted(PARTS)),
    st.integers(0, 10_000),
    st.binary(max_size=40) | st.sampled_from([b"<", b"&", b't="n"', b'r="XFD9"', b"<v>NaN</v>"]),
)
def test_an_xlsx_with_damaged_xml_is_read_or_refused(
    tmp_path: Path, part: str, at: int, inserted: bytes
) -> None:
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in PARTS.items():
            cut = min(at, len(data))
            archive.writestr(name, data[:cut] + inserted + data[cut:] if name == part else data)
    read(path)


def test_an_xlsx_needing_a_newer_zip_version_is_refused(tmp_path: Path) -> None:
    """Found by the byte-flip fuzz: a central-directory record whose "version needed to
    extract" is 6.4 makes zipfile raise NotImplementedError as it opens the archive."""
    data = bytearray(WORKBOOK)
    at = data.find(b"PK\x01\x02")  # the first central-directory record
    data[at + 6 : at + 8] = (64).to_bytes(2, "little")  # version needed: 6.4
    path = tmp_path / "v64.xlsx"
    path.write_bytes(bytes(data))
    try:
        read_table(path, aliases={"指标": "a"}, required=("a",), optional=("b", "c"))
    except InvalidInput as refused:
        [problem] = refused.problems
        assert problem.message == "not a readable .xlsx workbook: zip file version 6.4"
    else:
        raise AssertionError("a workbook zipfile cannot open was read")
