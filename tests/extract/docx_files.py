"""Small .docx files built in the tests with python-docx: paragraphs, one table, paragraphs."""

from __future__ import annotations

from pathlib import Path

import docx


def write_docx(
    path: Path,
    before: list[str],
    rows: list[list[str]],
    after: list[str],
    *,
    merged_down: tuple[tuple[int, int], ...] = (),
) -> None:
    """The paragraphs ``before``, a table of ``rows``, the paragraphs ``after``; each
    (row, column) of ``merged_down`` is merged with the cell below it."""
    document = docx.Document()
    for text in before:
        document.add_paragraph(text)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for cells, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(cells.cells, values, strict=True):
            cell.text = value
    for row, column in merged_down:
        table.cell(row, column).merge(table.cell(row + 1, column))
    for text in after:
        document.add_paragraph(text)
    document.save(str(path))
