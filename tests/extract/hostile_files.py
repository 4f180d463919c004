"""Hostile .docx and .pdf files built byte by byte (no python-docx: these are what Word never
writes). The .docx and .pdf files of tests/data/bad-inputs/documents/ were written by
:func:`write_corpus`
(``python -m tests.extract.hostile_files``)."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
PARAGRAPH = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"


def docx_bytes(body: str, *, prolog: str = "", extra: int = 0) -> bytes:
    """A minimal .docx whose body is ``body`` (WordprocessingML), with ``prolog`` before the
    root element and ``extra`` more empty members."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f"<w:document {W}><w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELATIONSHIPS)
        archive.writestr("word/document.xml", document)
        for number in range(extra):
            archive.writestr(f"x/{number}", "")
    return buffer.getvalue()


def plain_docx(paragraphs: list[str]) -> bytes:
    return docx_bytes("".join(PARAGRAPH.format(text) for text in paragraphs))


def zip_bomb() -> bytes:
    """2 MB of identical paragraphs deflated to a few KB (1,000 to 1, as a 51 KB .docx of 50 MB)."""
    return plain_docx(["全市生物医药产业规模突破2000亿元"] * 25_000)


def entity_bomb() -> bytes:
    """Billion laughs in the document part: eight levels of ten entities each."""
    entities = ['<!ENTITY e0 "lol">'] + [
        f'<!ENTITY e{n} "{f"&e{n - 1};" * 10}">' for n in range(1, 9)
    ]
    return docx_bytes(PARAGRAPH.format("&e8;"), prolog=f"<!DOCTYPE d [{''.join(entities)}]>")


def deep_nesting() -> bytes:
    """Runs inside runs, 5,000 deep: past libxml2's depth limit, small enough to deflate at
    under 100 to 1."""
    depth = 5_000
    return docx_bytes("<w:p>" + "<w:r>" * depth + "</w:r>" * depth + "</w:p>")


def many_members() -> bytes:
    """A valid .docx with 600 empty members more."""
    return docx_bytes(PARAGRAPH.format("到2025年产业规模达到100亿元"), extra=600)


def many_pages_pdf(pages: int = 3_000) -> bytes:
    """A PDF whose page tree lists one page object ``pages`` times: 18 KB, 3,000 pages."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b"3 0 R " * pages + b"] /Count %d >>" % pages,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def write_corpus(folder: Path) -> None:
    files = {
        "many-pages.pdf": many_pages_pdf(),
        "zip-bomb.docx": zip_bomb(),
        "entity-bomb.docx": entity_bomb(),
        "deep-nesting.docx": deep_nesting(),
        "many-members.docx": many_members(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)


if __name__ == "__main__":
    write_corpus(Path(sys.argv[1]) if len(sys.argv) > 1 else Path())
