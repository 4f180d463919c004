"""Things one sentence gives numbers to together (均, 分别): the name of each thing, from the
coordinated name (“链主”企业和上市企业; 马铃薯种植、收获机械化率), and the place of a number among
those 分别 hands out. Rules and reasons: docs/extraction.md, "Names" ("Coordination").
"""

from __future__ import annotations

import re

from bioecon.extract.names import amount_name, naming_words

_JOINER = re.compile(r"、|和|及|与")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def distributed_place(before: str, after: str) -> tuple[int, int] | None:
    """对A和B,分别给予100万元和30万元: the place of a number among those 分别 hands out, and
    how many there are ((0, 2) for 100万元, (1, 2) for 30万元); None without 分别."""
    at = before.rfind("分别")
    if at < 0 or re.search("[,，。;；]", before[at:]):
        return None  # the series runs from 分别 to the number within one clause
    index = len(_NUMBER.findall(before[at:]))
    series = re.split(r"[,，;；。]", after, maxsplit=1)[0]
    total = index + 1 + len(_NUMBER.findall(series))
    return (index, total) if total > 1 else None


def coordinated(name: str, count: int = 2) -> tuple[str, ...]:
    """The names of the ``count`` things one sentence gives numbers to (均, 分别): “链主”企业和
    上市企业 → (“链主”企业, 上市企业); coordinated modifiers share the head after the last one,
    and a word before the first one: 马铃薯种植、收获机械化率 → (马铃薯种植机械化率, 马铃薯收获
    机械化率). A name with fewer parts than ``count`` is the name of each."""
    parts = _top_level_split(name)
    if len(parts) < count:
        return (name,) * count
    if len(parts) > count:  # A、B和C 分别…两个数: the last joiner separates the two
        parts = [name[: len(name) - len(parts[-1]) - 1], parts[-1]]
    first, last = parts[0], parts[-1]
    graded = _GRADE_END.search(first) is not None and _GRADE_START.match(last) is not None
    cut = last.find("的")
    if not graded and 0 < cut < len(last) - 1 and not any("的" in p for p in parts[:-1]):
        # 新评定为三星级、四星级、五星级的酒店: the 的-phrase is shared, and the words before the
        # first modifier (as wide as the next one) open every name
        head = last[cut:]
        width = len(parts[1]) if len(parts) > 2 else cut
        prefix = first[:-width] if len(first) > width else ""
        return (first + head, *(prefix + part + head for part in parts[1:-1]), prefix + last)
    if not graded and (not _names_a_measure(last) or _names_a_measure(first)):
        return tuple(parts)
    width = _modifier_width(last)
    head = last[width:]
    # what stands before the first modifier is shared (马铃薯 | 种植、收获), if it is a word
    grade = _GRADE_END.search(first)
    own = len(grade.group()) if grade is not None else width
    prefix = first[:-own] if len(first) - own >= _MODIFIER_WIDTH else ""
    middle = tuple(prefix + part + head for part in parts[1:-1])
    return (first + head, *middle, prefix + last)


# a grade as a modifier: a level (国家级, 省级) or a numbered class or phase (I, III期)
_GRADE = r"(?:国家|国际|世界|全国|省|市|区|县|部)级|[A-Za-zⅠ-Ⅻ0-9]+"
_GRADE_END = re.compile(rf"(?:{_GRADE})$")
_GRADE_START = re.compile(rf"^(?:{_GRADE})")


def distributed_amount(before: str, after: str) -> str | None:
    """花生种植、收获机械化率分别达到65%和55%: the metric of the number's own thing, when 分别
    hands the numbers of one sentence to coordinated things (花生种植机械化率, 花生收获机械化率)."""
    place = distributed_place(before, after)
    if place is None:
        return None
    clause = re.split(r"[,，;；。]", before[: before.rfind("分别")])[-1]
    metric, _ = amount_name(clause)
    return coordinated(metric, place[1])[place[0]] if metric else None


def _top_level_split(name: str) -> list[str]:
    """The parts of a name between its joiners outside quotes and brackets."""
    parts: list[str] = []
    depth, begin = 0, 0
    for at, char in enumerate(name):
        if char in "“(（「《":
            depth += 1
        elif char in "”)）」》":
            depth -= 1
        if depth == 0 and _JOINER.fullmatch(char) and 0 < at < len(name) - 1:
            parts.append(name[begin:at])
            begin = at + 1
    return [*parts, name[begin:]]


def _names_a_measure(part: str) -> bool:
    words = naming_words()
    return bool(
        re.search(f"(?:{words.measure.pattern})$", part)
        or re.search(f"(?:{words.rate_end.pattern})$", part)
        or words.count_measure_end.search(part)
    )


_MODIFIER_WIDTH = 2  # 种植、收获: coordinated modifiers are most often two-character words


def _modifier_width(last: str) -> int:
    """How much of the last coordinated part is its own modifier, before the shared head: a grade
    (省级企业技术中心 → 省级; III期临床试验 → III), up to a measure written in it (收获产值 →
    收获), else its first two characters (收获机械化率)."""
    grade = _GRADE_START.match(last)
    found = naming_words().measure.search(last, 1)
    if grade is not None:
        width = len(grade.group())
    else:
        width = found.start() if found is not None else _MODIFIER_WIDTH
    return min(width, len(last) - 1)
