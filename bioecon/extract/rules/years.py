"""Deadline years as plans write them: in the line (到2025年, 于2023年底前, “十四五”末, a 香港
fiscal year 2023-24 至 2032-33 年度), after the number (以期在2024年或之前), in a
heading that governs the line (一、2017年经济社会发展主要预期目标), and the document's horizon
(a title's (2023—2025年) or “十四五”, a title that opens with its year, 2012年起5年内)."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from bioecon.extract.numerals import chinese_to_int
from bioecon.extract.rules.words import target_words

_YEAR = re.compile(r"(到|至|于)?\s*(20\d\d)\s*年(底前|末前|前|底|末)?")
_FIVE_YEAR_END = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?(?:期)?末(?!的?基础)")
# 香港 fiscal years: 2023-24 至 2032-33 年度 ends in 2033 (the calendar year the last one ends)
_FISCAL = re.compile(
    r"(20\d\d)\s*-\s*(\d\d)\s*(?:年度)?(?:\s*(?:至|到|—|-)\s*(20\d\d)\s*-\s*(\d\d))?\s*年度"
)
_AFTER = re.compile(r"(?:在|于|到)\s*(20\d\d)\s*年(?:或之前|之前|底前|前)")
_A_DATE = re.compile(r"\s*\d{1,2}\s*月")  # 2023年2月8日 is a date, not a deadline
# 2030年的减排目标是…: the year whose target the sentence states (香港 plans' wording)
_YEARS_TARGET = re.compile(r"的[^,，。;；]{0,6}目标")
_HEADINGS = (
    re.compile(r"^\s*第[一二三四五六七八九十]+[章部]"),
    re.compile(r"^\s*[一二三四五六七八九十]+\s*、"),
    re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]"),
)
_TITLE_RANGE = re.compile(r"20\d\d\s*年?\s*(?:—{1,2}|-|~|至|到)\s*(20\d\d)\s*年")
_TITLE_YEAR = re.compile(r"^\s*(20\d\d)\s*年(?!\s*\d)")
_FIVE_YEAR = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?")
_SPAN = re.compile(r"(20\d\d)\s*年起\s*(\d+|[一二三四五六七八九十]+)\s*年内")
_HEAD_LINES = 8  # the title stands in the document's first lines


def five_year_plan_end(number: str) -> int:
    """十四五 → 2025, 十三五 → 2020 (``number`` is the middle numeral: 四, 三 …)."""
    plan_number = 10 + "一二三四五六七八九".index(number) + 1
    return 2025 + (plan_number - 14) * 5  # the 14th five-year plan (十四五) ends in 2025


def year_in(text: str) -> int | None:
    """The last deadline year written in ``text``: 到2025年, 于 2023 年底前, 2025年, (a year
    before a comma), a year opening a sentence (2020年初步建成…), a year whose target is stated
    (2030年的减排目标是), 到“十四五”末 / “十四五”末 (not 在“十三五”末的基础上, a base)."""
    found: tuple[int, int] | None = None
    for match in _YEAR.finditer(text):
        if _A_DATE.match(text, match.end()):
            continue
        after = text[match.end() : match.end() + 1]
        aimed = _YEARS_TARGET.match(text, match.end()) is not None
        opening = text[: match.start()].rstrip()[-1:] in ("", "。", "；", ";")
        opening = opening and text.startswith(target_words().year_predicates, match.end())
        if match.group(1) or match.group(3) or (after and after in ",，") or aimed or opening:
            found = (match.start(), int(match.group(2)))
    for match in _FISCAL.finditer(text):
        first, last = match.group(3, 4) if match.group(3) else match.group(1, 2)
        if found is None or match.start() > found[0]:
            found = (match.start(), int(first[:2] + last))
    five = list(_FIVE_YEAR_END.finditer(text))
    if five and (found is None or five[-1].start() > found[0]):
        return five_year_plan_end(five[-1].group(1))
    return found[1] if found is not None else None


def deadline_after(text: str) -> int | None:
    """The first deadline written after a number in its sentence: 在2024年或之前, 于2025年底前."""
    match = _AFTER.search(text)
    return int(match.group(1)) if match is not None else None


def heading_rank(line: str) -> int | None:
    """0 for 第…章, 1 for 一、, 2 for （一）; None for a line that is not a heading."""
    return next((rank for rank, pattern in enumerate(_HEADINGS) if pattern.match(line)), None)


def heading_year(line: str) -> int | None:
    """The year a heading is about (一、2017年经济社会发展主要预期目标), or its deadline."""
    found = year_in(line)
    if found is not None:
        return found
    match = next((m for m in _YEAR.finditer(line) if not _A_DATE.match(line, m.end())), None)
    return int(match.group(2)) if match is not None else None


@lru_cache(maxsize=8)
def headings(view: str) -> tuple[tuple[int, ...], tuple[tuple[int, int | None], ...]]:
    """The start of every heading line of ``view`` (to bisect), and each one's rank and year."""
    starts: list[int] = []
    found: list[tuple[int, int | None]] = []
    at = 0
    for line in view.split("\n"):
        rank = heading_rank(line)
        if rank is not None:
            starts.append(at)
            found.append((rank, heading_year(line)))
        at += len(line) + 1
    return tuple(starts), tuple(found)


def governing_heading_year(view: str, position: int) -> int | None:
    """The year of the nearest heading above ``position`` that states one, walking up from the
    nearest heading through each heading of a higher rank (一、 above （一）)."""
    starts, found = headings(view)
    rank: int | None = None
    for index in range(bisect_right(starts, position) - 1, -1, -1):
        heading_rank_here, year = found[index]
        if rank is not None and heading_rank_here >= rank:
            continue
        rank = heading_rank_here
        if year is not None:
            return year
    return None


def _title_horizon(line: str) -> int | None:
    ranged = _TITLE_RANGE.search(line)
    if ranged is not None:
        return int(ranged.group(1))
    five = _FIVE_YEAR.search(line)
    if five is not None:
        return five_year_plan_end(five.group(1))
    opening = _TITLE_YEAR.match(line)
    return int(opening.group(1)) if opening is not None else None


@lru_cache(maxsize=8)
def document_horizon(view: str) -> int | None:
    """The last year of the document's own horizon: a title line's range (…(2023—2025年)),
    its five-year plan (“十四五”…规划) or its opening year (2024年《政府工作报告》…分解表) —
    a title line is one of the first lines that is not a sentence (no 。，：at its end) —
    else a start year with a span stated in the text (2012年起5年内 → 2016)."""
    lines = [line.strip() for line in view.splitlines() if line.strip()][:_HEAD_LINES]
    for line in lines:
        if len(line) <= 100 and not line.endswith(("。", ",", "，", ":", "：", ";", "；")):
            found = _title_horizon(line)
            if found is not None:
                return found
    span = _SPAN.search(view)
    if span is None:
        return None
    years = span.group(2)
    count = int(years) if years.isdigit() else chinese_to_int(years)
    return int(span.group(1)) + count - 1 if count else None
