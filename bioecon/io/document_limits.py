"""Size limits on the files a user gives bioecon to read (plan files, plan documents and their
source texts), checked before a parser sees the bytes: a small hostile file — a zip bomb
.docx, a sheet of declared millions of rows, a FIFO in place of a file — is refused in
milliseconds with one line naming the file, instead of hanging a reader.

Each limit is far above the largest real input and far below what hurts: the largest seed
plan is 26 KB of text (≈ 9,000 characters); `bioecon extract` reads plan text at 1.6–3.4
MB/s (docs/performance.md), so 1,000,000 characters take well under a second."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Final, NoReturn

from bioecon.errors import InvalidInput, Problem

MB: Final = 1024 * 1024

MAX_TEXT_FILE_BYTES: Final = 4 * MB  # a .txt document or a plan's source text (GB18030: 2 MB)
MAX_PLAN_FILE_BYTES: Final = 4 * MB  # a plan file: 18 KB for 长沙 with 69 targets
MAX_DOCX_BYTES: Final = 32 * MB  # a .docx with its images
MAX_PDF_BYTES: Final = 64 * MB  # a scanned annex makes a PDF large
MAX_TEXT_CHARS: Final = 1_000_000  # text read from a document: 100× the largest seed plan
MAX_PDF_PAGES: Final = 2_000  # a plan with annexes runs to some hundred pages

# A .docx is a zip: bounded before python-docx inflates it. Word's XML deflates 5–20 to 1;
# a bomb reaches 1,000 to 1 (51 KB of zip → 50 MB of XML, minutes of parsing).
MAX_ZIP_MEMBERS: Final = 500  # Word writes 10–20 parts, one more per image
MAX_ZIP_UNCOMPRESSED: Final = 128 * MB  # every member inflated, images included
MAX_ZIP_RATIO: Final = 100  # inflated / compressed size of one member …
ZIP_RATIO_FROM: Final = 1 * MB  # … once it inflates past this (tiny members may compress well)


def _size_text(size: int) -> str:
    return f"{size / MB:.0f} MB" if size >= MB else f"{size} 字节"


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, refused unread when larger than ``limit``."""
    file_size(path, limit)
    with path.open("rb") as stream:
        raw = stream.read(limit + 1)
    if len(raw) > limit:  # the file grew after it was measured
        _refuse(path, f"文件过大（须不超过{_size_text(limit)}）")
    return raw


def file_size(path: Path, limit: int) -> int:
    """The size of the regular file ``path``; refused when missing, not a regular file (a
    folder, a FIFO, a device) or larger than ``limit``."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise InvalidInput(str(path), [Problem("", "file not found")]) from None
    except OSError as error:
        raise InvalidInput(str(path), [Problem("", f"无法读取：{error.strerror}")]) from None
    if not path.is_file():
        _refuse(path, "不是普通文件（文件夹、管道或设备不能读取）")
    if status.st_size > limit:
        _refuse(
            path,
            f"文件过大（{_size_text(status.st_size)}，须不超过{_size_text(limit)}）",
        )
    return status.st_size


def check_zip(path: Path) -> None:
    """Refuse a zip (.docx) whose members, inflated, would exceed the limits above; the sizes
    are the ones the zip declares, which Python's zipfile also enforces when inflating."""
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        _refuse(path, f"压缩包内文件过多（{len(members)}个，须不超过{MAX_ZIP_MEMBERS}个）")
    total = sum(member.file_size for member in members)
    if total > MAX_ZIP_UNCOMPRESSED:
        _refuse(
            path,
            f"解压后过大（{_size_text(total)}，须不超过{_size_text(MAX_ZIP_UNCOMPRESSED)}）",
        )
    for member in members:
        if member.file_size > ZIP_RATIO_FROM and (
            member.file_size > MAX_ZIP_RATIO * max(member.compress_size, 1)
        ):
            _refuse(
                path,
                f"{member.filename} 压缩比异常（解压后{_size_text(member.file_size)}，"
                f"压缩比须不超过{MAX_ZIP_RATIO}:1）：疑似压缩炸弹",
            )


# Word never writes a DTD; a DTD in a part is there to declare entities (an entity bomb).
_DTD_MARKS: Final = tuple(
    mark.encode(encoding)
    for mark in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


def check_no_dtd(path: Path) -> None:
    """Refuse a zip (.docx) with an XML part that declares a DTD or entities. Run after
    :func:`check_zip`, which bounds what inflating the parts costs."""
    with zipfile.ZipFile(path) as archive:
        for member in archive.infolist():
            data = archive.read(member)
            if any(mark in data for mark in _DTD_MARKS):
                _refuse(path, f"{member.filename} 含 DTD 或实体声明（Word 不会写入）：不予读取")


def check_text_length(length: int, source: str) -> None:
    """Refuse a text of ``length`` characters read from ``source`` beyond
    :data:`MAX_TEXT_CHARS`."""
    if length > MAX_TEXT_CHARS:
        raise InvalidInput(
            source,
            [Problem("", f"文本过长（{length}字以上，须不超过{MAX_TEXT_CHARS}字）：请拆分文档")],
        )


def _refuse(path: Path, message: str) -> NoReturn:
    raise InvalidInput(str(path), [Problem("", message)])
