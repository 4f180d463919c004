"""A 主要指标 table in a PDF: pypdf's plain text runs a row's cells together with one space, so
a page that shows a table is read in its layout mode, which keeps the cells apart."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from bioecon.domain.model import TargetNature
from bioecon.extract.reader import read_document
from bioecon.extract.tables import extract_table_targets

Placed = list[tuple[int, int, str]]  # (x, y, text)


def _cjk_pdf(path: Path, placed: Placed) -> None:
    """A one-page PDF whose text is Chinese: one-byte codes with a ToUnicode map (no font
    file is needed for the text layer)."""
    chars = sorted({c for _, _, text in placed for c in text})
    code = {c: n + 1 for n, c in enumerate(chars)}
    cmap = "\n".join(
        [
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def",
            "1 begincodespacerange <00> <FF> endcodespacerange",
            f"{len(chars)} beginbfchar",
            *(f"<{code[c]:02X}> <{ord(c):04X}>" for c in chars),
            "endbfchar endcmap CMapName currentdict /CMap defineresource pop end end",
        ]
    )
    writer = PdfWriter()
    page = writer.add_blank_page(width=600, height=400)
    unicode_map = DecodedStreamObject()
    unicode_map.set_data(cmap.encode())
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/ToUnicode"): writer._add_object(unicode_map),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    content = DecodedStreamObject()
    content.set_data(
        "\n".join(
            f"BT /F1 10 Tf {x} {y} Td <{''.join(f'{code[c]:02X}' for c in text)}> Tj ET"
            for x, y, text in placed
        ).encode()
    )
    page[NameObject("/Contents")] = writer._add_object(content)
    with path.open("wb") as out:
        writer.write(out)


def test_a_pdf_table_is_read_in_layout(tmp_path: Path) -> None:
    rows = [
        ["指标名称", "单位", "2020年", "2025年", "属性"],
        ["生物医药产业营业收入", "亿元", "800", "1500", "预期性"],
        ["研发投入强度", "%", "2.1", "3", "约束性"],
    ]
    placed: Placed = [(20, 360, "到2025年,产业规模达到2000亿元。")]
    for n, cells in enumerate(rows):
        placed += [
            (x, 330 - 20 * n, c) for x, c in zip((20, 200, 280, 350, 420), cells, strict=True)
        ]
    path = tmp_path / "plan.pdf"
    _cjk_pdf(path, placed)
    text = read_document(path)
    assert "到2025年,产业规模达到2000亿元。" in text
    found = extract_table_targets(text)
    assert [(t.metric, t.value, t.unit, t.year, t.base_value, t.nature) for t in found] == [
        ("生物医药产业营业收入", Decimal(1500), "亿元", 2025, Decimal(800), TargetNature.EXPECTED),
        ("研发投入强度", Decimal(3), "%", 2025, Decimal("2.1"), TargetNature.BINDING),
    ]
    assert all(text[t.start : t.end] == t.quote for t in found)


def test_a_pdf_page_without_a_table_keeps_its_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "prose.pdf"
    _cjk_pdf(path, [(20, 360, "主要指标"), (20, 340, "到2025年,产业规模达到2000亿元。")])
    assert read_document(path) == "主要指标\n到2025年,产业规模达到2000亿元。"
