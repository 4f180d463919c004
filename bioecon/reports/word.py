"""A bulletin as .docx in 公文 style (GB/T 9704-2012 as the model): A4, margins 37/35/28/26
mm (top, bottom, left, right), 标题 二号 小标宋, body 三号 仿宋, 一级标题 黑体, page
numbers "— 1 —" in the footer, the issuing office and date at the end. The font names are
the template's (``fonts``): what an office's Word has."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from bioecon.reports.charts import chart_png
from bioecon.reports.narrative import Block, Document

PAGE = (Mm(210), Mm(297))  # A4
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
SIZE_TITLE = Pt(22)  # 二号
SIZE_BODY = Pt(16)  # 三号
SIZE_TABLE = Pt(12)  # 小四: tables of five columns fit the 156 mm text width
SIZE_PAGE_NUMBER = Pt(14)  # 四号
LINE = Pt(28.95)  # 22 lines a page on 225 mm (GB/T 9704 7.1)
FIRST_LINE = Pt(32)  # two characters
BLACK = RGBColor(0, 0, 0)
TEXT_WIDTH = Mm(156)  # 210 − 28 − 26: charts span the text


def write_docx(document: Document, path: Path) -> None:
    """Write ``document`` to ``path``."""
    word = docx.Document()
    _page(word, document)
    _title(word, document)
    for block in document.blocks:
        _block(word, document, block)
    _signature(word, document)
    word.save(str(path))


def _page(word: WordDocument, document: Document) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = PAGE
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(footer.add_run("— "), document.fonts["body"], SIZE_PAGE_NUMBER)
    _page_field(_font(footer.add_run(), document.fonts["body"], SIZE_PAGE_NUMBER))
    _font(footer.add_run(" —"), document.fonts["body"], SIZE_PAGE_NUMBER)


def _page_field(run: Run) -> None:
    """The PAGE field: Word fills in the page's number."""
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _font(run: Run, name: str, size: Pt, *, bold: bool = False) -> Run:
    """Set the run's font for Latin and East Asian text alike."""
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    run.font.color.rgb = BLACK  # the Title and Heading styles are blue otherwise
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    return run


def _paragraph(word: WordDocument, text: str, font: str, *, style: str = "Normal") -> Paragraph:
    paragraph = word.add_paragraph(style=style)
    paragraph.paragraph_format.line_spacing = LINE
    paragraph.paragraph_format.space_after = Pt(0)
    _font(paragraph.add_run(text), font, SIZE_BODY)
    return paragraph


def _title(word: WordDocument, document: Document) -> None:
    title = word.add_paragraph(style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(document.title), document.fonts["title"], SIZE_TITLE)
    number = _paragraph(word, document.number, document.fonts["body"])
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _block(word: WordDocument, document: Document, block: Block) -> None:
    if block.style == "heading1":
        heading = word.add_heading(level=1)
        heading.paragraph_format.first_line_indent = FIRST_LINE
        _font(heading.add_run(block.text), document.fonts["heading1"], SIZE_BODY)
    elif block.style == "table":
        _table(word, document, block)
    elif block.style == "chart":
        word.add_picture(io.BytesIO(chart_png(block)), width=TEXT_WIDTH)
        word.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        paragraph = _paragraph(word, block.text, document.fonts["body"])
        paragraph.paragraph_format.first_line_indent = FIRST_LINE


def _table(word: WordDocument, document: Document, block: Block) -> None:
    header, *rows = block.rows
    table = word.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for r, cells in enumerate(block.rows):
        for c, text in enumerate(cells):
            paragraph = table.cell(r, c).paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if r == 0 or c else None
            _font(paragraph.add_run(text), document.fonts["body"], SIZE_TABLE, bold=r == 0)


def _signature(word: WordDocument, document: Document) -> None:
    """The issuing office and the date, right-aligned after the text."""
    word.add_paragraph()
    for text in (document.issuer, document.date):
        _paragraph(word, text, document.fonts["body"]).alignment = WD_ALIGN_PARAGRAPH.RIGHT
