"""Which renderer writes a file: by its suffix (.docx, .pdf, .html)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bioecon.errors import InvalidValue
from bioecon.reports.html import write_html
from bioecon.reports.narrative import Document
from bioecon.reports.pdf import write_pdf
from bioecon.reports.word import write_docx

WRITERS: dict[str, Callable[[Document, Path], None]] = {
    ".docx": write_docx,
    ".pdf": write_pdf,
    ".html": write_html,
}
MEDIA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".html": "text/html; charset=utf-8",
}


def write_report(document: Document, path: Path) -> None:
    """Write ``document`` in the format ``path``'s suffix names."""
    suffix = path.suffix.lower()
    if suffix not in WRITERS:
        raise InvalidValue(f"{path.name}：报告文件须以 .docx、.pdf 或 .html 结尾")
    WRITERS[suffix](document, path)
