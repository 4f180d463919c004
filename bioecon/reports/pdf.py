"""A bulletin as PDF with a text layer and embedded fonts, laid out as the .docx is (公文
style: A4, margins 37/35/28/26 mm, 标题 二号, body 三号, page numbers "— 1 —").

fpdf2 writes it: a maintained, pure-Python library (no system libraries, unlike WeasyPrint's
Pango/Cairo) that embeds a *subset* of a TrueType font — only the glyphs used, so a bulletin
is a few hundred KB, not the 15 MB of a full CJK font — and wraps CJK lines without spaces.
"""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from bioecon.reports.charts import chart_png
from bioecon.reports.fonts import font_path
from bioecon.reports.narrative import Block, Document

MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 37.0, 35.0, 28.0, 26.0  # mm
SIZE_TITLE, SIZE_BODY, SIZE_TABLE, SIZE_PAGE_NUMBER = 22.0, 16.0, 12.0, 14.0  # pt
LINE = 10.2  # mm: 22 lines on the 225 mm of text height (GB/T 9704 7.1)
TABLE_LINE = 7.0  # mm
INDENT = 2  # characters a paragraph's first line is indented by


class _Bulletin(FPDF):
    def footer(self) -> None:
        """— 1 — centred below the text."""
        self.set_y(-MARGIN_BOTTOM + 7)
        self.set_font("body", size=SIZE_PAGE_NUMBER)
        self.cell(0, 10, f"— {self.page_no()} —", align=Align.C)


def write_pdf(document: Document, path: Path) -> None:
    """Write ``document`` to ``path``."""
    pdf = _Bulletin(format="A4", unit="mm")
    pdf.set_margins(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT)
    pdf.set_auto_page_break(True, margin=MARGIN_BOTTOM)
    for role in ("title", "body", "heading1", "heading2"):
        pdf.add_font(role, fname=str(font_path(role)))
    pdf.add_font("body", style="B", fname=str(font_path("title")))  # table headings
    pdf.set_title(document.title)
    pdf.set_creator("bioecon")
    pdf.add_page()
    pdf.set_font("title", size=SIZE_TITLE)
    pdf.multi_cell(0, 14, document.title, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _line(pdf, "body", document.number, Align.C)
    for block in document.blocks:
        _block(pdf, block)
    pdf.ln(LINE)
    for text in (document.issuer, document.date):
        _line(pdf, "body", text, Align.R)
    pdf.output(str(path))


def _line(pdf: FPDF, font: str, text: str, align: Align = Align.J) -> None:
    pdf.set_font(font, size=SIZE_BODY)
    pdf.multi_cell(0, LINE, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _block(pdf: FPDF, block: Block) -> None:
    if block.style == "heading1":
        _indented(pdf, "heading1", block.text)
    elif block.style == "table":
        wide = len(block.rows[0]) > WIDE_TABLE
        pdf.set_font("body", size=SIZE_WIDE_TABLE if wide else SIZE_TABLE)
        character = pdf.get_string_width("国")  # a CJK character is one em wide
        room = pdf.epw / character - CELL_PADDING * len(block.rows[0])
        widths = [w + CELL_PADDING for w in column_widths(block.rows, room)]
        with pdf.table(
            line_height=TABLE_LINE * (0.85 if wide else 1.0),
            text_align="CENTER",
            col_widths=tuple(widths),
        ) as table:
            for cells in block.rows:
                row = table.row()
                for text in cells:
                    row.cell(text)
        pdf.ln(2)
    elif block.style == "chart":
        pdf.image(io.BytesIO(chart_png(block)), w=pdf.epw)
        pdf.ln(2)
    else:
        _indented(pdf, "body", block.text)


def column_widths(rows: tuple[tuple[str, ...], ...], room: float) -> tuple[float, ...]:
    """Each column's width in characters: its longest cell, unless the columns together
    need more than ``room`` characters — then only the widest give way, down to one common
    cap, so a short column (评价, 属性) keeps its words on one line and a long text wraps
    inside its own column, rather than every column taking an equal share."""
    natural = [
        float(max(max(len(row[i]) for row in rows if i < len(row)), MIN_CHARS))
        for i in range(len(rows[0]))
    ]
    if sum(natural) <= room:
        return tuple(natural)
    narrow: list[float] = []
    for count, width in enumerate(sorted(natural)):
        cap = (room - sum(narrow)) / (len(natural) - count)
        if width > cap:
            return tuple(min(w, max(cap, MIN_CHARS)) for w in natural)
        narrow.append(width)
    return tuple(natural)


WIDE_TABLE = 6  # columns beyond which a table is set in 五号 (10.5 pt) instead of 小四 (12 pt)
SIZE_WIDE_TABLE = 10.5
MIN_CHARS = 2  # the narrowest column, in characters
CELL_PADDING = 1.0  # characters a cell's borders and padding take


def _indented(pdf: FPDF, font: str, text: str) -> None:
    """A paragraph whose first line starts two characters in, the next at the margin, broken
    into lines here so that no line starts with a closing mark (禁则: ，。、；：）」…)."""
    pdf.set_font(font, size=SIZE_BODY)
    indent = INDENT * pdf.font_size
    widths = [pdf.get_string_width(character) for character in text]
    for n, line in enumerate(broken(text, widths, pdf.epw - indent, pdf.epw)):
        pdf.set_x(pdf.l_margin + (indent if n == 0 else 0))
        pdf.cell(0, LINE, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


NO_LINE_START = frozenset("，。、；：？！）》」』】〕”’…—%·,.;:?!)]}")
"""Marks a line of Chinese text may not start with (GB/T 15834 and common typesetting)."""


def broken(text: str, widths: list[float], first: float, rest: float) -> list[str]:
    """``text`` in lines no wider than ``first`` (the first line) and ``rest`` (the others),
    given each character's width, breaking between any two characters (Chinese has no
    spaces) except before a closing mark, which takes the character before it along."""
    lines: list[str] = []
    start, used, room = 0, 0.0, first
    for at, width in enumerate(widths):
        if used + width <= room or at == start:
            used += width
            continue
        cut = at
        while cut - 1 > start and text[cut] in NO_LINE_START:
            cut -= 1  # carry the character before the mark to the next line
        lines.append(text[start:cut])
        start, room = cut, rest
        used = sum(widths[cut : at + 1])
    lines.append(text[start:])
    return [line for line in lines if line]
