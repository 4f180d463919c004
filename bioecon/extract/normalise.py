"""A shadow of the text with one character for each original character, so that a match in
the shadow has the same offsets in the original: full-width digits, letters and punctuation
become ASCII; traditional characters become simplified (bioecon/data/extract/traditional.yaml)."""

from __future__ import annotations

import unicodedata
from functools import cache

from bioecon.catalogs import read_data_file


@cache
def _traditional() -> dict[str, str]:
    pairs = str(read_data_file("extract/traditional.yaml")["map"])
    return {pairs[i]: pairs[i + 1] for i in range(0, len(pairs) - 1, 2)}


@cache
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "
    for source, target in (("〜", "~"), ("～", "~"), ("–", "-"), ("－", "-"), ("﹣", "-")):
        table[ord(source)] = target
    for traditional, simplified in _traditional().items():
        table[ord(traditional)] = simplified
    return table


def shadow(text: str) -> str:
    """The normalised text, exactly as long as ``text``."""
    result = text.translate(_table())
    assert len(result) == len(text)
    return result


def is_cjk(char: str) -> bool:
    return "CJK" in unicodedata.name(char, "")
