"""Every table a page shows, downloaded as XLSX or as CSV with a UTF-8 BOM (Excel and WPS then
read the Chinese): ``?download=<table id>&format=xlsx|csv`` on the page's own address. The rows
are read from the page as rendered for the reader, so the file holds exactly what the table
shows, in the reader's language and at the chosen month."""

from __future__ import annotations

import re
import tempfile
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

from fastapi.responses import Response

from bioecon.errors import NotFound
from bioecon.io.sheet_writer import write_csv, write_xlsx
from bioecon.io.tabular import Cell

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_NUMBER = re.compile(r"-?\d{1,3}(,\d{3})*(\.\d+)?|-?\d+(\.\d+)?")


class _Table(HTMLParser):
    """The header and body cells of the table whose id is ``wanted``, as text."""

    def __init__(self, wanted: str) -> None:
        super().__init__(convert_charrefs=True)
        self.wanted = wanted
        self.depth = 0  # nesting of tables inside the wanted one (0: outside it)
        self.found = False
        self.head: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            if self.depth == 0 and dict(attrs).get("id") == self.wanted and not self.found:
                self.found = True
                self.depth = 1
            elif self.depth:
                self.depth += 1
        elif self.depth == 1:
            if tag == "thead":
                self._in_head = True
            elif tag == "tr":
                self._row = []
            elif tag in ("td", "th") and self._row is not None:
                self._cell = []
            elif tag == "br" and self._cell is not None:
                self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if tag == "table":
            self.depth -= 1
        elif self.depth == 1:
            if tag in ("td", "th") and self._cell is not None and self._row is not None:
                self._row.append(" ".join("".join(self._cell).split()))
                self._cell = None
            elif tag == "tr" and self._row is not None:
                if self._in_head:
                    self.head = self._row
                else:
                    self.rows.append(self._row)
                self._row = None
            elif tag == "thead":
                self._in_head = False

    def handle_data(self, data: str) -> None:
        if self.depth == 1 and self._cell is not None:
            self._cell.append(data)


def table_rows(page: str, table_id: str) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the table ``table_id`` of a rendered page, each cell's text."""
    parser = _Table(table_id)
    parser.feed(page)
    if not parser.found:
        raise NotFound(f"no table '{table_id}' on this page")
    return parser.head, parser.rows


def _cell(text: str) -> Cell:
    """A number as shown (1,204.99) becomes a number in the workbook; anything else stays
    text (an amount with its unit, a status, a month)."""
    if _NUMBER.fullmatch(text):
        return Decimal(text.replace(",", ""))
    return text or None


def download(page: str, table_id: str, file_format: str, *, name: str) -> Response:
    """The table as a file named ``name`` plus the format's suffix."""
    head, rows = table_rows(page, table_id)
    disposition = {"Content-Disposition": f'attachment; filename="{name}.{file_format}"'}
    if file_format == "csv":
        text = write_csv(head, [[_cell(c) for c in row] for row in rows])
        return Response(
            ("\ufeff" + text).encode("utf-8"), media_type=FORMATS["csv"], headers=disposition
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "table.xlsx"
        write_xlsx(path, head, [[_cell(c) for c in row] for row in rows], title=table_id)
        content = path.read_bytes()
    return Response(content, media_type=FORMATS["xlsx"], headers=disposition)
