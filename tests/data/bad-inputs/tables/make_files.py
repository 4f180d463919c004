"""Write this folder's .xlsx files (one defect each): `python make_files.py`.

Each workbook is the smallest one Excel opens: the parts below and one sheet, written as XML
so that the defect (a declared dimension, a cell's type or text) is exactly what the file says.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
    '<sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
HEADER = ("indicator", "org_unit", "period", "value")


def text(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def sheet(value_cell: str, *, dimension: str = "A1:D2", org_unit: str = "430100") -> str:
    """A header and one row (biomed_scale, ORG_UNIT, 2025-01, VALUE_CELL)."""
    header = "".join(text(f"{c}1", h) for c, h in zip("ABCD", HEADER, strict=True))
    row = text("A2", "biomed_scale") + text("B2", org_unit) + text("C2", "2025-01")
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
        f'<dimension ref="{dimension}"/><sheetData>'
        f'<row r="1">{header}</row><row r="2">{row}{value_cell}</row>'
        "</sheetData></worksheet>"
    )


def workbook(name: str, sheet_xml: str) -> Path:
    path = HERE / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return path


def declare_size(path: Path, part: str, size: int) -> None:
    """Make the zip's central directory declare ``size`` uncompressed bytes for ``part``."""
    data = bytearray(path.read_bytes())
    start = data.rfind(b"PK\x01\x02")
    while start != -1:
        name_length = struct.unpack_from("<H", data, start + 28)[0]
        if data[start + 46 : start + 46 + name_length].decode() == part:
            struct.pack_into("<I", data, start + 24, size)
        start = data.rfind(b"PK\x01\x02", 0, start)
    path.write_bytes(bytes(data))


def main() -> None:
    value = '<c r="D2"><v>82.5</v></c>'
    # a sheet that says it is 1,048,576 rows by 16,384 columns; its one row names an org unit
    # the database does not hold, so it is refused — quickly, not after padding a million rows
    workbook(
        "declared-million-rows.xlsx",
        sheet(value, dimension="A1:XFD1048576", org_unit="999999"),
    )
    workbook("number-cell-abc.xlsx", sheet('<c r="D2" t="n"><v>abc</v></c>'))
    workbook("number-cell-nan.xlsx", sheet('<c r="D2" t="n"><v>NaN</v></c>'))
    workbook("error-cell.xlsx", sheet('<c r="D2" t="e"><v>#DIV/0!</v></c>'))
    workbook("formula-without-result.xlsx", sheet('<c r="D2"><f>E2*2</f></c>'))
    workbook("cell-in-column-xfd.xlsx", sheet(value + '<c r="XFD2"><v>1</v></c>'))
    bomb = workbook("declares-huge-part.xlsx", sheet(value))
    declare_size(bomb, "xl/worksheets/sheet1.xml", 2**31)


if __name__ == "__main__":
    main()
