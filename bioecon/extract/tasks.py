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
from dataclasses import dataclass

from bioecon.extract.responsibility import find_statements
from bioecon.extract.statement import Page, Statement

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
    lead: tuple[str, ...] = ()  # the units the text marks as leading (☆, 牵头); () = not marked
    style: str = "label"  # label, lead-co, star, trailing-line, table-column, unlabelled


def extract_tasks(text: str) -> list[ExtractedTask]:
    page = Page.of(text)
    return [_task(page, statement) for statement in find_statements(page)]


def _task(page: Page, statement: Statement) -> ExtractedTask:
    heading, section = _heading_and_section(page.text, page.view, statement.paragraph)
    return ExtractedTask(
        section,
        heading if statement.heading is None else statement.heading,
        list(statement.units),
        statement.paragraph,
        statement.marker,
        statement.lead,
        statement.style,
    )


def _heading_and_section(text: str, view: str, paragraph: int) -> tuple[str, str]:
    """Read on the view, written as in the text (a traditional （一） heading stays so)."""
    line_end = view.find("\n", paragraph)
    line = view[paragraph : line_end if line_end != -1 else len(view)]
    above = list(
        zip(view[:paragraph].split("\n")[:-1], text[:paragraph].split("\n")[:-1], strict=True)
    )
    title_above = next((p for p in reversed(above) if p[0].strip()), ("", ""))
    if (
        not _NUMBERED.match(line)
        and _NUMBERED.match(title_above[0])
        and "。" not in title_above[0].rstrip("。")
    ):
        heading = title_above[1].strip().rstrip("。")
        section = next((p[1].strip() for p in reversed(above) if _PART.match(p[0])), "")
        return heading, section
    first = line.split("。", 1)[0]
    heading = text[paragraph : paragraph + len(first)].strip()
    section = next(
        (p[1].strip() for p in reversed(above) if _SECTION.match(p[0]) or _PART.match(p[0])), ""
    )
    return heading, section
