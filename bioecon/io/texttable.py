"""Plain-text tables for the terminal that line up Chinese text (a Han character is two
columns wide)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Columns padded to their widest cell; numbers right-aligned."""
    cells = [[_cell(v) for v in row] for row in rows]
    numeric = [
        all(isinstance(row[i], int | Decimal) or row[i] is None for row in rows) and bool(rows)
        for i in range(len(headers))
    ]
    widths = [
        max([display_width(h), *(display_width(row[i]) for row in cells)])
        for i, h in enumerate(headers)
    ]

    def line(values: Sequence[str], align_numbers: bool) -> str:
        parts = []
        for i, value in enumerate(values):
            pad = " " * (widths[i] - display_width(value))
            parts.append(pad + value if align_numbers and numeric[i] else value + pad)
        return "  ".join(parts).rstrip()

    out = [line(headers, False), "  ".join("-" * w for w in widths)]
    out += [line(row, True) for row in cells]
    return "\n".join(out)
