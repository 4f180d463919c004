"""Tasks (重点任务) and their responsible units (责任单位) from a plan's text.

A task is the paragraph that carries a (责任单位:…) marker; its ``start`` is the paragraph's
start, its heading the paragraph's numbered first sentence (or the numbered title line above
it), its section the enclosing （一）/一、 heading. Units are split on 、 at parenthesis depth 0,
so 区财政局(金融办) and 相关区县市人民政府和园区管委会 stay whole; a trailing remark such as
等按职责分工,下同 is not a unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bioecon.extract.normalise import shadow

_MARKER = re.compile(r"[(（]\s*(?:责任单位|牵头单位|责任部门|牵头部门|责任主体|主责单位)\s*[:：]")
_REMARK = re.compile(r"(?:等)?(?:按职责分工|按职责|负责|配合|参与)?[,，]?\s*(?:下同|分工负责)?$")
_TRAILING_ETC = re.compile(r"等$")
_SECTION = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]")
_PART = re.compile(r"^\s*[一二三四五六七八九十]+、")
_NUMBERED = re.compile(r"^\s*(?:\d+[.、．]|[（(][一二三四五六七八九十\d]+[)）])")


@dataclass(frozen=True, slots=True)
class ExtractedTask:
    section: str
    heading: str
    units: list[str]
    start: int  # the paragraph's start
    marker: int  # offset of the marker word (责任单位), or of the first unit with no marker word
    lead: tuple[str, ...] = ()  # the units the text marks as leading (☆, 牵头); () = the first


def extract_tasks(text: str) -> list[ExtractedTask]:
    view = shadow(text)
    tasks: list[ExtractedTask] = []
    for match in _MARKER.finditer(view):
        body_start = match.end()
        body_end = _closing(view, match.start())
        if body_end is None:
            continue
        units = split_units(text[body_start:body_end])
        paragraph = view.rfind("\n", 0, match.start()) + 1
        heading, section = _heading_and_section(text, view, paragraph)
        tasks.append(ExtractedTask(section, heading, units, paragraph, match.start() + 1))
    return tasks


def _closing(view: str, opening: int) -> int | None:
    """The offset of the parenthesis closing the marker's, skipping nested pairs."""
    depth = 0
    for index in range(opening, min(len(view), opening + 2000)):
        char = view[index]
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth -= 1
            if depth == 0:
                return index
        elif char == "\n":
            return None
    return None


def split_units(body: str) -> list[str]:
    units: list[str] = []
    depth = 0
    current = ""
    for char in body:
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth -= 1
        if char == "、" and depth == 0:
            units.append(current)
            current = ""
        else:
            current += char
    units.append(current)
    cleaned = []
    for position, unit in enumerate(units):
        unit = unit.strip()
        if position == len(units) - 1:
            unit = _TRAILING_ETC.sub("", _REMARK.sub("", unit).strip()).strip()
        if unit:
            cleaned.append(unit)
    return cleaned


def _heading_and_section(text: str, view: str, paragraph: int) -> tuple[str, str]:
    line_end = view.find("\n", paragraph)
    line = view[paragraph : line_end if line_end != -1 else len(view)]
    previous_lines = view[:paragraph].split("\n")[:-1]
    title_above = next((p for p in reversed(previous_lines) if p.strip()), "")
    if (
        not _NUMBERED.match(line)
        and _NUMBERED.match(title_above)
        and "。" not in title_above.rstrip("。")
    ):
        heading = title_above.strip().rstrip("。")
        section = next((p.strip() for p in reversed(previous_lines) if _PART.match(p)), "")
        return heading, section
    first = line.split("。", 1)[0]
    heading = text[paragraph : paragraph + len(first)].strip()
    section = next(
        (p.strip() for p in reversed(previous_lines) if _SECTION.match(p) or _PART.match(p)), ""
    )
    return heading, section
