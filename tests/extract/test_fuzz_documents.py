"""Fuzz of the plan-document reader: arbitrary bytes as .txt, .docx and .pdf, and mutations of
a real .docx and .pdf, either read or are refused with a bioecon error — never another
exception — each within the hypothesis deadline; a refused onboarding leaves the database
unchanged."""

from __future__ import annotations

import contextlib
import io
import zipfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bioecon.app import Bioecon
from bioecon.errors import BioeconError
from bioecon.extract.reader import read_document
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.onboarding import onboard_plan
from bioecon.settings import Settings
from tests.extract.hostile_files import docx_bytes, many_pages_pdf, plain_docx
from tests.test_bad_inputs import snapshot

FUZZ = settings(
    max_examples=60,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
DOCX = plain_docx(["长沙市生物经济发展行动计划", "到2025年，全市生物医药产业规模突破2000亿元。"])
PDF = many_pages_pdf(3)
DOCUMENT_XML = st.sampled_from(
    ["<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:tbl>", "<w:tr>", "<w:tc>",
     "</w:tc>", '<w:vMerge w:val="continue"/>', "&amp;", "&lt;", "&#0;", "<!DOCTYPE d>",
     "<![CDATA[", "]]>", "<?pi?>", "到2025年达到100亿元", "\x00", "\ufffe"]
)  # fmt: skip


def read_or_refuse(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    with contextlib.suppress(BioeconError):  # anything else fails the test
        read_document(path)


def flipped(data: bytes, positions: list[int], value: int) -> bytes:
    out = bytearray(data)
    for position in positions:
        out[position % len(out)] = value
    return bytes(out)


@FUZZ
@given(st.binary(max_size=600), st.sampled_from([".txt", ".docx", ".pdf", ""]))
def test_arbitrary_bytes(tmp_path: Path, raw: bytes, suffix: str) -> None:
    read_or_refuse(tmp_path / f"plan{suffix}", raw)


@FUZZ
@given(st.lists(st.integers(min_value=0), min_size=1, max_size=6), st.integers(0, 255))
def test_flipped_bytes_of_a_docx_and_a_pdf(
    tmp_path: Path, positions: list[int], value: int
) -> None:
    read_or_refuse(tmp_path / "plan.docx", flipped(DOCX, positions, value))
    read_or_refuse(tmp_path / "plan.pdf", flipped(PDF, positions, value))


@FUZZ
@given(st.lists(DOCUMENT_XML | st.text(max_size=6), max_size=40).map("".join))
def test_arbitrary_document_xml(tmp_path: Path, body: str) -> None:
    read_or_refuse(tmp_path / "plan.docx", docx_bytes(body))


@FUZZ
@given(st.binary(max_size=200), st.sampled_from(["word/document.xml", "[Content_Types].xml"]))
def test_a_part_replaced_by_noise(tmp_path: Path, noise: bytes, part: str) -> None:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(DOCX)) as original,
        zipfile.ZipFile(buffer, "w") as archive,
    ):
        for member in original.infolist():
            archive.writestr(member, noise if member.filename == part else original.read(member))
    read_or_refuse(tmp_path / "plan.docx", buffer.getvalue())


@settings(FUZZ, max_examples=8)
@given(st.lists(st.integers(min_value=0), min_size=1, max_size=4), st.integers(0, 255))
def test_a_refused_onboarding_leaves_the_database_unchanged(
    tmp_path: Path, sqlite_template: Path, positions: list[int], value: int
) -> None:
    database = tmp_path / "bioecon.db"
    database.write_bytes(sqlite_template.read_bytes())
    url = f"sqlite:///{database}"
    source = tmp_path / "长沙市生物经济发展行动计划.docx"
    source.write_bytes(flipped(DOCX, positions, value))
    before = snapshot(url)
    with Bioecon(Settings(database_url=url)) as app:
        try:
            onboard_plan(app, actor=LOCAL_ADMIN, origin="test", source=source, region="430100")
        except BioeconError:
            assert snapshot(url) == before
