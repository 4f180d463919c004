"""A shadow of the text with one character for each original character, so that a match in
the shadow has the same offsets in the original: full-width digits, letters and punctuation
become ASCII; traditional characters become simplified, by OpenCC's character table
(bioecon/data/extract/traditional.yaml names the tables and the rule)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib.resources import files
from typing import Any

from bioecon.catalogs import read_data_file


def _table_lines(package: str, name: str) -> list[tuple[str, str]]:
    """(character, first single-character candidate) of an OpenCC table; a line whose key is
    a phrase, or whose candidates are all phrases, is skipped."""
    pairs: list[tuple[str, str]] = []
    for line in files(package).joinpath(name).read_text(encoding="utf-8").splitlines():
        key, _, candidates = line.partition("\t")
        single = next((c for c in candidates.split() if len(c) == 1), None)
        if len(key) == 1 and single is not None:
            pairs.append((key, single))
    return pairs


@cache
def traditional_map() -> dict[str, str]:
    """Traditional → simplified, one character for one (億 → 亿, 責 → 责, 臺 → 台, 衞 → 卫)."""
    source: dict[str, Any] = read_data_file("extract/traditional.yaml")
    package = str(source["package"])
    mapping: dict[str, str] = {}
    for table in source["tables"]:
        mapping.update(_table_lines(package, table))
    for table in source["variants"]:
        # a variant (衞) goes through its standard traditional form (衛) to the simplified; one
        # whose standard form is not traditional (著 → 着, a simplified character) is left alone
        for variant, standard in _table_lines(package, table):
            if standard in mapping:
                mapping.setdefault(variant, mapping[standard])
    added = str(source["map"])
    mapping.update({added[i]: added[i + 1] for i in range(0, len(added) - 1, 2)})
    return {key: value for key, value in mapping.items() if key != value}


@cache
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "
    # small-form punctuation (﹒ ﹐ ﹔ ﹕, a list number 1﹒ in some government pages) as ASCII
    pairs = "〜~～~–-－-﹣-﹒.﹐,﹔;﹕:"
    for source, target in zip(pairs[::2], pairs[1::2], strict=True):
        table[ord(source)] = target
    for traditional, simplified in traditional_map().items():
        table[ord(traditional)] = simplified
    return table


# a year in Chinese digits (二○三○年, 二〇二五年, 二零二零年): four digits, one by one, before 年
_CHINESE_YEAR = re.compile(r"[一二][〇○零一二三四五六七八九]{3}(?=年)")
_CHINESE_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")


def _year_digits(match: re.Match[str]) -> str:
    return match.group().translate(_CHINESE_DIGITS)


def shadow(text: str) -> str:
    """The normalised text, exactly as long as ``text``; a year written in Chinese digits
    (二○三○年, as 香港 and formal documents write it) is written in Arabic digits (2030年)."""
    result = _CHINESE_YEAR.sub(_year_digits, text.translate(_table()))
    assert len(result) == len(text)
    return result


def is_cjk(char: str) -> bool:
    return "CJK" in unicodedata.name(char, "")
