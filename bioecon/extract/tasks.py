"""Tasks (重点任务) and their responsible units (责任单位) from a plan's text.

A task is the paragraph a responsibility statement belongs to, in whatever style the plan
writes it (bioecon.extract.responsibility: bracketed or bare labels, 牵头单位/配合单位 pairs,
☆/★ with a legend, a trailing 责任单位 line, a task table's units column, unlabelled
…牵头，…按职责分工负责). Its ``start`` is the paragraph's start, its heading the paragraph's
numbered first sentence (or the numbered title line above it, or a table row's task cell), its
section the enclosing （一）/一、 heading.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from bioecon.extract.responsibility import find_statements
from bioecon.extract.statement import Page, Statement

_SECTION = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]")
_PART = re.compile(r"^\s*[一二三四五六七八九十]+、")
_LOOKBACK_LINES = 40  # how far up an un-numbered paragraph looks for its numbered item
_NUMBERED = re.compile(r"^\s*(?:\d+[.、．]|[（(][一二三四五六七八九十\d]+[)）])")


@dataclass(frozen=True, slots=True)
class ExtractedTask:
    section: str
    heading: str
    units: list[str]
    start: int  # the paragraph's start
    marker: int  # offset of the marker word (责任单位), or of the first unit with no marker word
    lead: tuple[str, ...] = ()  # the units the text marks as leading (☆, 牵头); () = not marked
    style: str = "label"  # label, lead-co, star, trailing-line, table-column, unlabelled


def extract_tasks(text: str) -> list[ExtractedTask]:
    page = Page.of(text)
    outline = _Outline.of(page.view)
    return [_task(page, outline, statement) for statement in find_statements(page)]


@dataclass(frozen=True, slots=True)
class _Outline:
    """The starts of the text's heading lines: 一、 parts, and （一） sections or parts."""

    parts: list[int]
    sections: list[int]

    @classmethod
    def of(cls, view: str) -> _Outline:
        parts, sections = [], []
        for match in re.finditer(r"^.*$", view, re.MULTILINE):
            if _PART.match(match.group()):
                parts.append(match.start())
                sections.append(match.start())
            elif _SECTION.match(match.group()):
                sections.append(match.start())
        return cls(parts, sections)


def _task(page: Page, outline: _Outline, statement: Statement) -> ExtractedTask:
    heading, section = _heading_and_section(page, outline, statement.paragraph)
    return ExtractedTask(
        section,
        heading if statement.heading is None else statement.heading,
        list(statement.units),
        statement.paragraph,
        statement.marker,
        statement.lead,
        statement.style,
    )


def _numbered_above(page: Page, paragraph: int) -> tuple[int, int] | None:
    """The nearest numbered line above ``paragraph`` — over un-numbered paragraphs and bullets
    of the same item, not past a 一、 part — as (start, end)."""
    end = paragraph - 1
    for _ in range(_LOOKBACK_LINES):
        if end <= 0:
            return None
        start = page.line_start(end - 1)
        line = page.view[start:end]
        if _PART.match(line):
            return None
        if _NUMBERED.match(line):
            return start, end
        end = start - 1
    return None


def _last_before(starts: list[int], paragraph: int, page: Page) -> str:
    index = bisect_left(starts, paragraph)
    if index == 0:
        return ""
    start = starts[index - 1]
    first = page.view[start : page.line_end(start)].split("。", 1)[0]
    return page.text[start : start + len(first)].strip()


def _section(page: Page, outline: _Outline, heading_line: str, paragraph: int) -> str:
    """The nearest heading above of a higher level than the task's own — a 一、 part above a
    （一） heading, else a （一） section or a part — to its first 。 (an inline heading)."""
    starts = outline.parts if _SECTION.match(heading_line) else outline.sections
    return _last_before(starts, paragraph, page)


def _heading_and_section(page: Page, outline: _Outline, paragraph: int) -> tuple[str, str]:
    """Read on the view, written as in the text (a traditional （一） heading stays so): the
    paragraph's numbered first sentence, or, for an un-numbered paragraph (a bullet, a second
    paragraph), the numbered line above it — a title line whole, an inline item to its first
    。; and the nearest heading above of a higher level."""
    line = page.view[paragraph : page.line_end(paragraph)]
    above = None if _NUMBERED.match(line) else _numbered_above(page, paragraph)
    if above is not None:
        paragraph, line = above[0], page.view[above[0] : above[1]]
    first = line.rstrip().rstrip("。:").split("。", 1)[0]
    heading = page.text[paragraph : paragraph + len(first)].strip()
    return heading, _section(page, outline, line, paragraph)
