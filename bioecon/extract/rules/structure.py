"""Numbers that count the document itself or its own words, not what it commits to: article
numbers (第3条), counts of its own measures, tasks and parts (提出5项任务, 出台10条举措, 以下20条)
and the total of a list it has just named (北京、天津、上海3个城市)."""

from __future__ import annotations

import re

from bioecon.extract.rules.base import Example, Rule
from bioecon.extract.rules.reading import CLAUSE_END, ReadSite, unit_as_read
from bioecon.extract.rules.words import target_words

_PART_UNITS = ("条", "项", "个")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]*")


def _ordinal(site: ReadSite) -> bool | None:
    """第3条, 第 1 0 条, 第2、3条: an ordinal names a part, it counts nothing."""
    return site.before.rstrip(" 0123456789、,").endswith("第") or None


def _structure_count(site: ReadSite) -> bool | None:
    words = target_words()
    unit = unit_as_read(site.match.group("unit") or "")
    if unit not in _PART_UNITS:
        return None
    before = site.before.rstrip().removesuffix("了")
    modifiers = _CJK_RUN.match(site.after.lstrip())
    reach = modifiers.group()[: words.structure_noun_reach + 4] if modifiers else ""
    counted = any(
        0 <= reach.find(noun) <= words.structure_noun_reach for noun in words.structure_nouns
    )
    articles = unit == "条" and before.endswith(words.issuing_verbs)
    part = before.endswith(words.structure_parts)
    return (before.endswith(words.structure_verbs) or counted or articles or part) or None


def _list_total(site: ReadSite) -> bool | None:
    """选择北京、天津、上海…西安11个(城市): a count right after the list it totals."""
    start = site.match.start()
    head = site.view[max(0, start - 80) : start]
    breaks = list(CLAUSE_END.finditer(head))
    clause = head[breaks[-1].end() :] if breaks else head
    last = clause.split("、")[-1]
    named = not any(
        c.isdigit() for c in clause
    )  # 专家10名、名校长100名、名教师200名 is a list of targets
    return (named and clause.count("、") >= 2 and 0 < len(last) <= 4 and last.isalpha()) or None


_NOTE_LINE = re.compile(r"\s*(?:[①-⑳]|注\s*\d*\s*[:：]|注\s*[①-⑳\d])")


def _note_line(site: ReadSite) -> bool | None:
    """③12.27亿人次为2019年数据,2020年…年观众人数为5.4亿人次: a note below a table or text
    explains a figure (its source, its year); it commits to nothing."""
    line = site.view.rfind("\n", 0, site.match.start()) + 1
    return _NOTE_LINE.match(site.view, line) is not None or None


REJECTIONS: tuple[Rule[ReadSite, bool], ...] = (
    Rule(
        "ordinal",
        "序数 第N条 an article or part number (第3条, 第2、3条), not a count",
        _ordinal,
        (
            Example("第 3 条 对新引进的项目给予奖励。", "3 条", "rejected"),
            Example("按第2、3条执行。", "3条", "rejected"),
        ),
    ),
    Rule(
        "structure_count",
        "结构计数 a count of the document's own parts (提出5项任务, 出台10条举措), not a target",
        _structure_count,
        (
            Example("方案提出5项重点任务。", "5项", "rejected"),
            Example("高新区出台10条举措支持产业发展。", "10条", "rejected"),
            Example("共有三个方面11项措施。", "11项", "rejected"),
            Example("具体措施如下20条。", "20条", "rejected"),
            Example("将实施的24项督查激励措施调整为30项。", "24项", "rejected"),
            Example("(一)知识产权保护方面5项:案件“三合一”审判。", "5项", "rejected"),
        ),
    ),
    Rule(
        "list_total",
        "列举合计 a count right after the items it totals (北京、天津、上海3个城市), not a target",
        _list_total,
        (Example("选择北京、天津、上海、重庆4个城市开展试点。", "4个", "rejected"),),
    ),
    Rule(
        "note_line",
        "注释 a note line (①…, 注:) explains a figure (its source or year), not a target",
        _note_line,
        (
            Example("③12.27亿人次为2019年数据,年观众人数为5.4亿人次。", "5.4亿人次", "rejected"),
            Example("注:2020年全市规上企业1200家。", "1200家", "rejected"),
        ),
    ),
)
