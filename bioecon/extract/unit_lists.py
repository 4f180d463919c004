"""A list of responsible units as plans write it: ``市发改委、市财政局等`` after a label,
``省工业和信息化厅、科技厅牵头，省发展改革委、财政厅按职责分工负责`` without one, ``☆經信局、科技局``
with a star legend, ``牵头单位：A；配合单位：B`` in pairs.

Read on a *view* of the text (the shadow, plus the characters of
``bioecon/data/extract/responsibility.yaml``'s ``traditional`` map), one character per original
character, so the units are exact slices of the text, written as written. The words (labels,
role words, remarks, unit endings) are that file's; docs/extraction.md, "Tasks", gives the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from bioecon.catalogs import read_data_file
from bioecon.extract.normalise import shadow

SEPARATORS = "、,;/。"  # 、，；／ and 。 in the view


def _longest_first(words: list[Any]) -> tuple[str, ...]:
    return tuple(sorted((str(word) for word in words), key=len, reverse=True))


def _alternation(words: tuple[str, ...]) -> str:
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
    traditional: dict[str, str]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(sorted(self.lead_labels + self.co_labels + self.plain_labels, key=len)[::-1])


@cache
def words() -> Words:
    data = read_data_file("extract/responsibility.yaml")
    pairs = "".join(str(data["traditional"]).split())
    lists = {
        name: _longest_first(data[name])
        for name in Words.__dataclass_fields__
        if name not in ("stars", "traditional")
    }
    return Words(
        **lists,
        stars=str(data["stars"]),
        traditional={pairs[i]: pairs[i + 1] for i in range(0, len(pairs) - 1, 2)},
    )


@cache
def label_pattern() -> re.Pattern[str]:
    """A label word and its colon, 责任单位： (the colon is ASCII in the view), or a label word
    in 【】, colon or not: 【责任单位】."""
    labels = _alternation(words().labels)
    first = re.escape("".join(sorted({label[0] for label in words().labels} | {"【"})))
    # the class of first characters lets the scan skip most of the text at C speed
    return re.compile(rf"(?=[{first}])(?:({labels})\s*:|【\s*({labels})\s*】\s*:?)")


def label_word(match: re.Match[str]) -> str:
    """The label word of a ``label_pattern`` match."""
    return match.group(1) or match.group(2)


def label_start(match: re.Match[str]) -> int:
    """The offset of the label word of a ``label_pattern`` match (after a 【)."""
    return match.start(1) if match.group(1) else match.start(2)


@cache
def _extra_table() -> dict[int, str]:
    return {ord(source): target for source, target in words().traditional.items()}


@cache
def _extra_characters() -> re.Pattern[str]:
    return re.compile(f"[{re.escape(''.join(words().traditional))}]")


def view_of(text: str) -> str:
    """The shadow of ``text`` with the traditional characters the unit words need, as long as
    ``text`` (translated only when the text holds one: most plans are in simplified script)."""
    view = shadow(text)
    return view.translate(_extra_table()) if _extra_characters().search(view) else view


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
    before = f"(?:{_alternation(vocabulary.star_legend_before)})?"
    verbs = _alternation(vocabulary.star_legend_verbs)
    lead = _alternation(vocabulary.lead_words)
    return re.compile(
        rf"{before}{star}号?(?:{verbs})(?:{lead})|(?:{lead})(?:以|用|标|加|带|标注)?{star}"
    )


@cache
def first_listed_pattern() -> re.Pattern[str]:
    """A sentence saying the first unit listed leads: 列第一位者为牵头单位."""
    return re.compile("|".join(words().first_listed_legend))


@cache
def _time_remark_pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in words().time_remarks))


def _not_units(view: str, start: int, end: int) -> bool:
    """A legend (标☆的为牵头单位, 列第一位者为牵头单位) or a time remark (2019年底前完成)."""
    return bool(
        star_legend_pattern().search(view, start, end)
        or first_listed_pattern().search(view, start, end)
        or _time_remark_pattern().search(view[start:end])
    )


def leading_stars(view: str) -> frozenset[str]:
    """The stars the document says mark a leading unit, anywhere in it."""
    if not any(star in view for star in words().stars):
        return frozenset()
    return frozenset(
        star for match in star_legend_pattern().finditer(view) for star in match.groups() if star
    )


@dataclass(frozen=True, slots=True)
class UnitList:
    """The units of a list, in order, as written; those it marks as leading; the offset of the
    first unit's first character (-1 when there is none); whether the list ends in a role word
    (…按职责分工负责), how many units end as unit names do (局, 厅, 委 …)."""

    units: tuple[str, ...]
    lead: tuple[str, ...]
    first: int
    ends_in_role: bool
    names: int  # how many units end as unit names do
    starred: bool  # a star marked one of the leading units


@dataclass(slots=True)
class _Reading:
    """The units read so far, and the group since the last role word (A、B牵头 → lead A, B)."""

    spans: list[tuple[int, int]]
    lead: list[tuple[int, int]]
    group: list[tuple[int, int]]
    ends_in_role: bool = False
    starred: bool = False


def read_units(view: str, start: int, end: int, stars: frozenset[str]) -> _Reading:
    """Read the units of ``view[start:end]``: split at labels (牵头单位：, 配合单位：), then at
    、，； outside brackets; a lead label's units lead, as do those before a lead role word."""
    reading = _Reading([], [], [])
    for kind, body_start, body_end in _segments(view, start, end):
        for part_start, part_end in _depth_zero_parts(view, body_start, body_end, SEPARATORS):
            _read_part(view, part_start, part_end, stars, reading)
        if kind == "lead":
            reading.lead.extend(s for s in reading.group if s not in reading.lead)
        reading.group = []
    return reading


def unit_list(text: str, view: str, start: int, end: int, stars: frozenset[str]) -> UnitList:
    """The units of ``text[start:end]`` (read on ``view``), written as in ``text``."""
    reading = read_units(view, start, end, stars)
    spans = reading.spans
    return UnitList(
        tuple(text[a:b] for a, b in spans),
        tuple(text[a:b] for a, b in spans if (a, b) in reading.lead),
        spans[0][0] if spans else -1,
        reading.ends_in_role,
        sum(is_unit_name(view[a:b]) for a, b in spans),
        reading.starred,
    )


def _segments(view: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """(label kind, body start, body end) for each label at depth 0; the text before the first
    label is a segment of kind ``none``."""
    labels = [
        match
        for match in label_pattern().finditer(view, start, end)
        if _depth(view, start, match.start()) == 0
    ]
    bounds = [(label_kind(label_word(m)), m.end(), m.start()) for m in labels]
    segments = [("none", start, bounds[0][2] if bounds else end)]
    for index, (kind, body_start, _) in enumerate(bounds):
        body_end = bounds[index + 1][2] if index + 1 < len(bounds) else end
        segments.append((kind, body_start, body_end))
    return segments


def _depth(view: str, start: int, end: int) -> int:
    depth = 0
    for char in view[start:end]:
        depth += (char == "(") - (char == ")")
    return depth


def _depth_zero_parts(view: str, start: int, end: int, separators: str) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    depth, part_start = 0, start
    for index in range(start, end):
        char = view[index]
        depth += (char == "(") - (char == ")")
        if char in separators and depth == 0:
            parts.append((part_start, index))
            part_start = index + 1
    parts.append((part_start, end))
    return parts


_BLANK = " \t\n\u3000。.:"


def _trim(view: str, start: int, end: int) -> tuple[int, int]:
    while start < end and view[start] in _BLANK:
        start += 1
    while end > start and view[end - 1] in _BLANK:
        end -= 1
    return start, end


def _read_part(view: str, start: int, end: int, stars: frozenset[str], reading: _Reading) -> None:
    """One part between separators: remarks and a role word stripped from its end, 由 from its
    start, split at 和/及 where both sides are unit names, marks (☆, (牵头)) read."""
    start, end = _trim(view, start, end)
    if start >= end or _not_units(view, start, end):
        return
    end, role = _strip_roles(view, start, end)
    if view.startswith("由", start):
        start += 1
    found = False
    pieces = _split_at(view, start, end, _together_pattern())
    for piece_start, piece_end in (p for a, b in pieces for p in _joined(view, a, b)):
        unit_start, unit_end, mark = _marks(view, piece_start, piece_end, stars)
        if unit_start < unit_end:
            found = True
            reading.spans.append((unit_start, unit_end))
            reading.group.append((unit_start, unit_end))
            if mark:
                reading.lead.append((unit_start, unit_end))
                reading.starred = reading.starred or mark == "star"
    if role == "lead":
        reading.lead.extend(s for s in reading.group if s not in reading.lead)
    if role:
        reading.group = []
    if found or role:
        reading.ends_in_role = role is not None


def _strip_roles(view: str, start: int, end: int) -> tuple[int, str | None]:
    """The part's end without its trailing remarks and role words, and the strongest role
    stripped (``lead`` for 牵头, ``other`` for 负责, 配合 …)."""
    remarks, lead_roles, other_roles = _ending_patterns()
    role = None
    while True:
        start, end = _trim(view, start, end)
        text = view[start:end]
        word = remarks.search(text)
        if word is None:
            word = lead_roles.search(text)
            role = "lead" if word else role
        if word is None:
            word = other_roles.search(text)
            role = role or ("other" if word else None)
        if word is None:
            return end, role
        end -= len(word.group())


@cache
def _ending_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Remarks, lead roles and other roles, each at a part's end (longest first)."""
    vocabulary = words()

    def at_end(choices: tuple[str, ...]) -> re.Pattern[str]:
        return re.compile(f"(?:{_alternation(choices)})$")

    return at_end(vocabulary.remarks), at_end(vocabulary.lead_roles), at_end(vocabulary.other_roles)


def _marks(view: str, start: int, end: int, stars: frozenset[str]) -> tuple[int, int, str]:
    """The unit without its marks — a leading ☆/★, a trailing (牵头) — and the mark that says it
    leads: ``star`` (only where the document's legend says what the star means), ``word``
    for (牵头), or ""."""
    marked = ""
    text = view[start:end]
    word = next((m for m in words().lead_marks if text.endswith(m)), None)
    if word is not None:
        end, marked = end - len(word), "word"
    start, end = _trim(view, start, end)
    if start < end and view[start] in words().stars:
        marked = marked or ("star" if view[start] in stars else "")
        start, end = _trim(view, start + 1, end)
    return start, end, marked


def is_unit_name(name: str) -> bool:
    """Whether ``name`` (of the view) ends as a unit name does, brackets after it aside
    (区财政局(金融办), 各区县(市)), or opens with 各 (各地, 各部门)."""
    name = name.strip()
    while name.endswith(")") and "(" in name:
        name = name[: name.rfind("(")].rstrip()
    return name.endswith(words().unit_endings) or (name.startswith("各") and len(name) > 1)


@cache
def _joiner_pattern() -> re.Pattern[str]:
    return re.compile(_alternation(words().joiners))


@cache
def _together_pattern() -> re.Pattern[str]:
    return re.compile(_alternation(words().together))


def _split_at(view: str, start: int, end: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """``view[start:end]`` split at the matches of ``pattern`` outside brackets."""
    pieces, piece_start = [], start
    for match in pattern.finditer(view, start, end):
        if _depth(view, start, match.start()) == 0:
            pieces.append((piece_start, match.start()))
            piece_start = match.end()
    pieces.append((piece_start, end))
    return pieces


def _joined(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """The part split at 和/及/与 outside brackets when every side is a unit name and no side is
    a collective name (相关区县市人民政府和园区管委会, 市级各有关部门及各县市区政府 stay whole)."""
    if any(word in view[start:end] for word in words().collective_openers):
        return [(start, end)]
    pieces = _split_at(view, start, end, _joiner_pattern())
    if len(pieces) > 1 and all(is_unit_name(view[a:b]) for a, b in pieces):
        return pieces
    return [(start, end)]
