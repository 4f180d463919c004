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
        text_widths = column_widths(block.rows, room)
        widths = [w + CELL_PADDING for w in text_widths]
        with pdf.table(
            line_height=TABLE_LINE * (0.85 if wide else 1.0),
            text_align="CENTER",
            col_widths=tuple(widths),
        ) as table:
            for cells in block.rows:
                row = table.row()
                for text, chars in zip(cells, text_widths, strict=False):
                    row.cell(_cell_lines(pdf, text, chars * character))
        pdf.ln(2)
    elif block.style == "chart":
        pdf.image(io.BytesIO(chart_png(block)), w=pdf.epw)
        pdf.ln(2)
    else:
        _indented(pdf, "body", block.text)


def _cell_lines(pdf: FPDF, text: str, room: float) -> str:
    """A table cell's text broken into lines of ``room`` mm here, as a paragraph is, so that
    no line of a cell starts with a closing mark either (完成进度 | （%）, not 完成进度（% | ）)."""
    widths = [pdf.get_string_width(character) for character in text]
    return "\n".join(broken(text, widths, room, room))


def column_widths(rows: tuple[tuple[str, ...], ...], room: float) -> tuple[float, ...]:
    """Each column's width in characters: its longest cell, unless the columns together
    need more than ``room`` characters — then only the widest give way, down to one common
    cap, so a short column (评价, 属性) keeps its words on one line and a long text wraps
    inside its own column, rather than every column taking an equal share. When they do not
    fit, a heading counts as two lines (完成进度 | （%）), giving its room to the content."""
    natural = _natural_widths(rows, header_lines=1)
    if sum(natural) <= room:
        return tuple(natural)
    natural = _natural_widths(rows, header_lines=2)  # a heading may take two lines
    narrow: list[float] = []
    for count, width in enumerate(sorted(natural)):
        cap = (room - sum(narrow)) / (len(natural) - count)
        if width > cap:
            return tuple(min(w, max(cap, MIN_CHARS)) for w in natural)
        narrow.append(width)
    return tuple(natural)


def _natural_widths(rows: tuple[tuple[str, ...], ...], header_lines: int) -> list[float]:
    """Each column's longest cell in characters, its heading (the first row) counted on
    ``header_lines`` lines."""
    return [
        float(
            max(
                -(-len(rows[0][i]) // header_lines),
                *(len(row[i]) for row in rows[1:] if i < len(row)),
                MIN_CHARS,
            )
        )
        for i in range(len(rows[0]))
    ]


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
NO_LINE_END = frozenset("（《「『【〔“‘([{")
"""Marks a line may not end with: the opening ones."""
WORD = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-_/+")
"""What a number, date or Latin word (2025-02, 3.14, GB/T) is made of: not broken inside."""


def broken(text: str, widths: list[float], first: float, rest: float) -> list[str]:
    """``text`` in lines no wider than ``first`` (the first line) and ``rest`` (the others),
    given each character's width, breaking between any two characters (Chinese has no
    spaces) but never before a closing mark (禁则): the character before the mark goes to the
    next line with it when they fit there; when they do not (a run of marks wider than a
    line), the marks hang at the end of the line (标点悬挂), the one way a line is wider than
    its room. A character wider than a whole line has a line to itself."""
    lines: list[str] = []
    start, used, room, at = 0, 0.0, first, 0
    while at < len(text):
        width = widths[at]
        if used + width <= room or at == start:
            used, at = used + width, at + 1
            continue
        if text[at] not in NO_LINE_START:
            cut = _opening_carried(text, widths, start, at, rest)
        else:
            carried = _carried_from(text, widths, start, at, rest)
            if carried is None:  # hang the run of marks on this line
                while at < len(text) and text[at] in NO_LINE_START:
                    at += 1
            cut = at if carried is None else carried
        lines.append(text[start:cut])
        start, room = cut, rest
        used = sum(widths[cut:at])
    lines.append(text[start:])
    return [line for line in lines if line]


def _opening_carried(text: str, widths: list[float], start: int, at: int, rest: float) -> int:
    """Where the next line starts when the line breaks before ``at``: there, unless that
    splits a number or Latin word (2025-02) or leaves opening marks at the line's end
    (形成“ | 生物): those go to the next line, when they fit there."""
    cut = _kept_with(text, start, at)
    return cut if sum(widths[cut : at + 1]) <= rest else at


def _kept_with(text: str, start: int, cut: int) -> int:
    """``cut`` moved back over the part of a word it splits (unless the word starts the line:
    it is longer than a line) and the opening marks before."""
    split = cut
    while cut - 1 > start and text[cut - 1] in WORD and text[cut] in WORD:
        cut -= 1
    if cut - 1 == start and text[start] in WORD and text[cut] in WORD:
        cut = split
    while cut - 1 > start and text[cut - 1] in NO_LINE_END:
        cut -= 1
    return cut


def _carried_from(text: str, widths: list[float], start: int, at: int, rest: float) -> int | None:
    """Where the next line starts so that the mark at ``at`` does not start it: the last
    character before the run of marks (with its word and opening marks), when they and the
    marks fit in ``rest``; else None."""
    cut = at
    while cut > start and text[cut] in NO_LINE_START:
        cut -= 1
    if cut <= start or text[cut] in NO_LINE_START:
        return None
    end = at
    while end < len(text) and text[end] in NO_LINE_START:
        end += 1
    whole = _kept_with(text, start, cut)
    if sum(widths[whole:end]) <= rest:
        return whole
    return cut if sum(widths[cut:end]) <= rest else None
