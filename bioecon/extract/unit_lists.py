"""A list of responsible units as plans write it: ``市发改委、市财政局等`` after a label,
``省工业和信息化厅、科技厅牵头，省发展改革委、财政厅按职责分工负责`` without one, ``☆經信局、科技局``
with a star legend, ``牵头单位：A；配合单位：B`` in pairs.

Read on the shadow of the text (bioecon.extract.normalise.shadow), one character per original
character, so the units are exact slices of the text, written as written. The words are
``bioecon/data/extract/responsibility.yaml``'s; docs/extraction.md, "Tasks", gives the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bioecon.extract.unit_words import (
    SEPARATORS,
    alternation,
    first_listed_pattern,
    label_kind,
    label_pattern,
    label_word,
    star_legend_pattern,
    time_remark_pattern,
    words,
)


def _not_units(view: str, start: int, end: int) -> bool:
    """A legend (标☆的为牵头单位, 列第一位者为牵头单位) or a time remark (2019年底前完成)."""
    return bool(
        star_legend_pattern().search(view, start, end)
        or first_listed_pattern().search(view, start, end)
        or time_remark_pattern().search(view[start:end])
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


def _read_units(view: str, start: int, end: int, stars: frozenset[str]) -> _Reading:
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
    reading = _read_units(view, start, end, stars)
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
    start (a part with 由 further in is a clause, not a unit), split at 和/及 where both sides are unit names, marks (☆, (牵头)) read."""
    start, end = _trim(view, start, end)
    if start >= end or _not_units(view, start, end):
        return
    end, role = _strip_roles(view, start, end)
    if view.startswith("由", start):
        start += 1
    if _is_clause(view, start, end):
        return
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


_CLAUSE = re.compile(r"(?<!自)由")  # 由 inside a part, not the 由 of 自由贸易试验区


def _is_clause(view: str, start: int, end: int) -> bool:
    """A part holding 由 after other words is a sentence, not a unit: 技工院校内由人力资源社会保障
    行政部门负责 (within X, Y is responsible) — a remark in brackets, not a list of units."""
    return _CLAUSE.search(view, start, end) is not None


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
        return re.compile(f"(?:{alternation(choices)})$")

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
    return re.compile(alternation(words().joiners))


@cache
def _together_pattern() -> re.Pattern[str]:
    return re.compile(alternation(words().together))


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
