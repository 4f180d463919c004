"""The limits a plan document meets before a parser sees it (bioecon/io/document_limits.py):
each edge, and that a real document inside them still reads. The hostile files themselves are
in the corpus (tests/data/bad-inputs/documents/)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from bioecon.errors import InvalidInput
from bioecon.extract.reader import read_document
from tests.extract.docx_files import write_docx
from tests.extract.hostile_files import docx_bytes, entity_bomb, plain_docx, zip_bomb


def refusal(path: Path) -> str:
    with pytest.raises(InvalidInput) as caught:
        read_document(path)
    return caught.value.report()


def test_a_word_document_inside_the_limits_reads(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    write_docx(path, ["到2025年,产业规模达到100亿元。"], [["指标", "2025年"]], ["完"])
    assert read_document(path) == "到2025年,产业规模达到100亿元。\n指标\t2025年\n完"


def test_a_large_document_of_varied_text_is_not_taken_for_a_bomb(tmp_path: Path) -> None:
    lines = [
        f"第{n}项：到2025年，第{n * 7919 % 10007}园区产值达到{n * 31}亿元。" for n in range(20_000)
    ]
    path = tmp_path / "long.docx"
    path.write_bytes(plain_docx(lines))
    assert zipfile.ZipFile(path).getinfo("word/document.xml").file_size > 1024 * 1024
    assert (
        read_document(path).split("\n")[19_999]
        == "第19999项：到2025年，第1299园区产值达到619969亿元。"
    )


def test_the_zip_bomb_is_refused_by_its_ratio(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(zip_bomb())
    assert path.stat().st_size < 10_000
    assert "word/document.xml 压缩比异常（解压后2 MB，压缩比须不超过100:1）" in refusal(path)


def test_members_inflating_past_128_mb_are_refused_together(tmp_path: Path) -> None:
    path = tmp_path / "images.docx"
    path.write_bytes(plain_docx(["正文"]))
    part = bytes(1000 * 1000)  # under 1 MB each: no member's ratio is looked at
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        for number in range(135):
            archive.writestr(f"word/media/image{number}.bin", part)
    assert path.stat().st_size < 1024 * 1024
    assert "解压后过大（129 MB，须不超过128 MB）" in refusal(path)


def test_a_dtd_is_refused_in_any_encoding(tmp_path: Path) -> None:
    path = tmp_path / "entities.docx"
    path.write_bytes(entity_bomb())
    assert "word/document.xml 含 DTD 或实体声明" in refusal(path)
    document = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY a "x">]><d/>'
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", document.encode("utf-16-le"))
    assert "word/document.xml 含 DTD 或实体声明" in refusal(path)


def test_a_text_over_a_million_characters_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("甲" * 1_000_000, encoding="utf-8")
    assert len(read_document(path)) == 1_000_000
    path.write_text("甲" * 1_000_001, encoding="utf-8")
    assert "文本过长（1000001字以上，须不超过1000000字）" in refusal(path)


def test_a_text_file_over_4_mb_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    with path.open("wb") as big:
        big.truncate(4 * 1024 * 1024 + 1)
    assert f"{path}: 1 problem" in refusal(path)
    assert "文件过大（4 MB，须不超过4 MB）" in refusal(path)


def test_a_fifo_or_a_folder_is_refused_unread(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    assert "不是普通文件" in refusal(tmp_path / "pipe.txt")
    (tmp_path / "folder.docx").mkdir()
    assert "不是普通文件" in refusal(tmp_path / "folder.docx")
    assert "file not found" in refusal(tmp_path / "missing.pdf")


def test_a_docx_with_500_members_reads_and_with_501_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "parts.docx"
    path.write_bytes(docx_bytes("<w:p><w:r><w:t>正文</w:t></w:r></w:p>", extra=497))
    assert read_document(path) == "正文"
    path.write_bytes(docx_bytes("<w:p><w:r><w:t>正文</w:t></w:r></w:p>", extra=498))
    assert "压缩包内文件过多（501个，须不超过500个）" in refusal(path)
