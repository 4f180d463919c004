"""Read a plan document into text: UTF-8 or GB18030/GBK plain text, .docx, .pdf with a text
layer. Offsets reported by the extractor are into the text returned here.

A .docx body is read in document order, paragraphs and tables alike: each table row is one
line, its cells joined by a tab, a merged cell once (a horizontal merge is one cell; the rows a
vertical merge continues into get an empty cell, so the columns stay aligned). A PDF page that
shows a 主要指标 table is read in pypdf's layout mode, which keeps its cells apart."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bioecon.errors import InvalidInput, Problem
from bioecon.extract.normalise import shadow
from bioecon.extract.table_layout import find_tables
from bioecon.io.document_limits import (
    MAX_DOCX_BYTES,
    MAX_PDF_BYTES,
    MAX_PDF_PAGES,
    MAX_TEXT_FILE_BYTES,
    check_no_dtd,
    check_text_length,
    check_zip,
    file_size,
    read_bounded,
)

if TYPE_CHECKING:
    from docx.oxml.table import CT_Tbl
    from docx.table import Table
    from pypdf import PageObject


def read_document(path: Path) -> str:
    """The text of the document ``path``; refused with one problem naming the file when it is
    missing, damaged or beyond the limits of bioecon/io/document_limits.py."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            text = _docx(path)
        elif suffix == ".pdf":
            text = _pdf(path)
        else:
            text = _text(read_bounded(path, MAX_TEXT_FILE_BYTES), str(path))
    except InvalidInput:
        raise
    except Exception as error:  # damaged files raise many kinds of errors in the readers
        raise InvalidInput(
            str(path), [Problem("", f"cannot read {suffix or 'file'}: {error}")]
        ) from None
    check_text_length(len(text), str(path))
    return text


def _text(raw: bytes, source: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput(source, [Problem("", "text is neither UTF-8 nor GB18030/GBK")])


def _docx(path: Path) -> str:
    import docx
    from docx.oxml.table import CT_Tbl
    from docx.oxml.text.paragraph import CT_P
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    file_size(path, MAX_DOCX_BYTES)
    check_zip(path)
    check_no_dtd(path)
    document = docx.Document(str(path))
    lines: list[str] = []
    for element in document.element.body.iterchildren():
        if isinstance(element, CT_P):
            lines.append(Paragraph(element, document).text)
        elif isinstance(element, CT_Tbl):
            lines += _table_rows(element, Table(element, document))
    return "\n".join(lines)


def _table_rows(element: CT_Tbl, table: Table) -> list[str]:
    """One line per row: its cells' text joined by a tab (a vertically continued cell empty)."""
    from docx.table import _Cell

    rows = []
    for row in element.tr_lst:
        cells = [
            "" if tc.vMerge == "continue" else _one_line(_Cell(tc, table).text) for tc in row.tc_lst
        ]
        rows.append("\t".join(cells))
    return rows


def _one_line(text: str) -> str:
    """A cell's paragraphs on one line: line breaks and tabs inside a cell become a space."""
    return " ".join(part.strip() for part in text.replace("\t", "\n").split("\n") if part.strip())


def _pdf(path: Path) -> str:
    from pypdf import PdfReader

    file_size(path, MAX_PDF_BYTES)
    reader = PdfReader(str(path))
    if len(reader.pages) > MAX_PDF_PAGES:
        raise InvalidInput(
            str(path),
            [Problem("", f"页数过多（{len(reader.pages)}页，须不超过{MAX_PDF_PAGES}页）")],
        )
    pages: list[str] = []
    length = 0
    for page in reader.pages:  # stops at the page that takes the text past the limit
        pages.append(_page_text(page))
        length += len(pages[-1]) + 1
        check_text_length(length, str(path))
    text = "\n".join(pages)
    if not text.strip():
        raise InvalidInput(
            str(path), [Problem("", "the PDF has no text layer (a scan?): run OCR first")]
        )
    return text


def _page_text(page: PageObject) -> str:
    """A page's text, in pypdf's layout mode when that shows a 主要指标 table: the plain mode
    runs a row's cells together with single spaces, the layout mode keeps them apart with
    two or more (bioecon/extract/table_layout.py reads them)."""
    plain = page.extract_text() or ""
    if "指标" not in shadow(plain):
        return plain
    layout = page.extract_text(extraction_mode="layout") or ""
    return layout if find_tables(layout) else plain
