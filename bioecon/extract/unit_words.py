"""The words responsibility statements are read with (labels, role words, remarks, legends,
unit endings, table headers: ``bioecon/data/extract/responsibility.yaml``, with their source),
and the patterns built from them. They are matched on the text's shadow
(bioecon.extract.normalise.shadow: traditional → simplified, one character per original
character), so that offsets in the shadow are offsets in the text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from bioecon.catalogs import read_data_file

SEPARATORS = "、,;/。"  # 、，；／ and 。 in the view


def _longest_first(words: list[Any]) -> tuple[str, ...]:
    return tuple(sorted((str(word) for word in words), key=len, reverse=True))


def alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in words)


@dataclass(frozen=True, slots=True)
class Words:
    """The word lists of ``responsibility.yaml``, each longest first."""

    lead_labels: tuple[str, ...]
    co_labels: tuple[str, ...]
    plain_labels: tuple[str, ...]
    lead_roles: tuple[str, ...]
    other_roles: tuple[str, ...]
    lead_marks: tuple[str, ...]
    remarks: tuple[str, ...]
    stars: str
    star_legend_before: tuple[str, ...]
    star_legend_verbs: tuple[str, ...]
    lead_words: tuple[str, ...]
    unit_endings: tuple[str, ...]
    collective_openers: tuple[str, ...]
    joiners: tuple[str, ...]
    together: tuple[str, ...]
    header_endings: tuple[str, ...]
    header_lead_stems: tuple[str, ...]
    header_co_stems: tuple[str, ...]
    header_plain_stems: tuple[str, ...]
    first_listed_legend: tuple[str, ...]
    time_remarks: tuple[str, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(sorted(self.lead_labels + self.co_labels + self.plain_labels, key=len)[::-1])


@cache
def words() -> Words:
    data = read_data_file("extract/responsibility.yaml")
    lists = {
        name: _longest_first(data[name]) for name in Words.__dataclass_fields__ if name != "stars"
    }
    return Words(**lists, stars=str(data["stars"]))


@cache
def label_pattern() -> re.Pattern[str]:
    """A label word and its colon, 责任单位： (the colon is ASCII in the view), or a label word
    in 【】, colon or not: 【责任单位】."""
    labels = alternation(words().labels)
    first = re.escape("".join(sorted({label[0] for label in words().labels} | {"【"})))
    # the class of first characters lets the scan skip most of the text at C speed
    return re.compile(rf"(?=[{first}])(?:({labels})\s*:|【\s*({labels})\s*】\s*:?)")


def label_word(match: re.Match[str]) -> str:
    """The label word of a ``label_pattern`` match."""
    return match.group(1) or match.group(2)


def label_start(match: re.Match[str]) -> int:
    """The offset of the label word of a ``label_pattern`` match (after a 【)."""
    return match.start(1) if match.group(1) else match.start(2)


def label_kind(label: str) -> str:
    """``lead``, ``co`` or ``plain`` for a label word of the view."""
    vocabulary = words()
    if label in vocabulary.lead_labels:
        return "lead"
    return "co" if label in vocabulary.co_labels else "plain"


@cache
def star_legend_pattern() -> re.Pattern[str]:
    """A sentence saying what a star means: 标☆的为牵头单位, ★为牵头单位, 牵头单位以“☆”标注."""
    vocabulary = words()
    star = f'[“"「]?([{re.escape(vocabulary.stars)}])[”"」]?'
    before = f"(?:{alternation(vocabulary.star_legend_before)})?"
    verbs = alternation(vocabulary.star_legend_verbs)
    lead = alternation(vocabulary.lead_words)
    return re.compile(
        rf"{before}{star}号?(?:{verbs})(?:{lead})|(?:{lead})(?:以|用|标|加|带|标注)?{star}"
    )


@cache
def first_listed_pattern() -> re.Pattern[str]:
    """A sentence saying the first unit listed leads: 列第一位者为牵头单位."""
    return re.compile("|".join(words().first_listed_legend))


@cache
def time_remark_pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in words().time_remarks))


def leading_stars(view: str) -> frozenset[str]:
    """The stars the document says mark a leading unit, anywhere in it."""
    if not any(star in view for star in words().stars):
        return frozenset()
    return frozenset(
        star for match in star_legend_pattern().finditer(view) for star in match.groups() if star
    )
