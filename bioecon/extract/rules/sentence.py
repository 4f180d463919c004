"""Rules read from a taken candidate's sentence: rejection of the past, the funding cap's op,
the deadline year (or none, for a funding rule or a recurring target), and 均 splitting."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from bioecon.catalogs import unit_registry
from bioecon.domain.model import TargetOp
from bioecon.domain.target_kind import is_recurring
from bioecon.extract.rules.base import Example, Rule
from bioecon.extract.rules.reading import Candidate
from bioecon.extract.rules.words import target_words

_YEAR = re.compile(r"(?:到|至|于|在)?(20\d\d)年(?:底|末|前)?")
_FIVE_YEAR_END = re.compile(r"(?:到|至)[“\"]?十([一二三四五六七八九])五[”\"]?(?:期)?末")
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[章节部分])"
)
_ITEM = re.compile(r"^\s*(?:——|—|-|•|·|[“\"][^”\"]{1,12}[”\"]\s*[:：])")
JOINERS = ("和", "、", "及", "与")


@dataclass(frozen=True, slots=True)
class SentenceSite:
    """A taken candidate at ``start`` of the shadow ``view``, its clause and its sentence."""

    view: str
    lines: list[int]  # the offsets of the view's lines
    start: int
    candidate: Candidate
    clause: int
    sentence_start: int

    @property
    def funding(self) -> bool:
        """按照研发投入的15%、最高1000万元给予资金支持: a % or an amount in 元 in a sentence
        about funding, after 按 in its clause, or capped (最高, op <=)."""
        view, start = self.view, self.start
        end = view.find("。", start)
        sentence = view[self.sentence_start : end if end != -1 else len(view)]
        return (
            bool(target_words().funding.search(sentence))
            and unit_registry().measures(self.candidate.unit, "ratio", "money_cny")
            and (
                "按" in view[self.clause : start]
                or self.candidate.op is TargetOp.LE
                or "最高" in view[max(0, start - 4) : start]
            )
        )


def _past(site: SentenceSite) -> bool | None:
    past = target_words().past
    near = site.view[site.start : site.candidate.end + 4]
    return bool(past.search(site.view[site.clause : site.start]) or past.search(near)) or None


def _past_sentence(site: SentenceSite) -> bool | None:
    before = site.view[site.sentence_start : site.start]
    return bool(target_words().past_sentence.search(before)) or None


REJECTIONS: tuple[Rule[SentenceSite, bool], ...] = (
    Rule(
        "past_marker",
        "已/同比/比上年 a clause reporting the past (已建成12家, 同比增长15%), not a target",
        _past,
        (
            Example("全市已建成孵化器12家。", "12家", "rejected"),
            Example("产值增长15%,同比提高。", "15%", "rejected"),
        ),
    ),
    Rule(
        "past_sentence",
        "截至 a sentence reporting the state at a past date (截至2020年底,…)",
        _past_sentence,
        (Example("截至2022年底,全市拥有生物企业1200家。", "1200家", "rejected"),),
    ),
)


def _cap(site: SentenceSite) -> TargetOp | None:
    capped = "最高" in site.view[max(0, site.start - 4) : site.start]
    return TargetOp.LE if capped and site.funding else None


FUNDING_CAP = Rule(
    "funding_cap",
    "最高 the cap of a funding rule (最高1000万元给予支持): op <=",
    _cap,
    (Example("按研发投入的15%、最高1000万元给予资金支持。", "1000万元", "op <="),),
)


@dataclass(frozen=True, slots=True)
class Deadline:
    year: int | None
    why: str  # what the explain line shows: year 2025, no year

    def __str__(self) -> str:
        return f"year {self.year}" if self.year is not None else "no year"


def _funding_year(site: SentenceSite) -> Deadline | None:
    return Deadline(None, "funding") if site.funding else None


def _recurring(site: SentenceSite) -> Deadline | None:
    recurring = is_recurring(site.view[site.sentence_start : site.start])
    return Deadline(None, "annual") if recurring else None


def _own_line(site: SentenceSite) -> Deadline | None:
    line = bisect_right(site.lines, site.start) - 1
    year = year_in(site.view[site.lines[line] : site.start])
    return Deadline(year, "line") if year is not None else None


def _lead_in(site: SentenceSite) -> Deadline | None:
    """The nearest lead-in above (sibling list items are skipped, a heading ends the search)."""
    view, lines = site.view, site.lines
    for index in range(bisect_right(lines, site.start) - 2, -1, -1):
        line = view[lines[index] : lines[index + 1] - 1 if index + 1 < len(lines) else len(view)]
        if not line.strip():
            continue
        if _HEADING.match(line):
            return None
        if _ITEM.match(line):
            continue
        found = year_in(line)
        if found is not None:
            return Deadline(found, "lead-in")
    return None


YEARS: tuple[Rule[SentenceSite, Deadline], ...] = (
    Rule(
        "funding_no_year",
        "资金支持 a funding rule (policy_rule) has no deadline year",
        _funding_year,
        (Example("按研发投入的15%给予资金支持。", "15%", "no year"),),
    ),
    Rule(
        "recurring_no_year",
        "每年 a target set for every year (每年遴选30个) has no deadline year",
        _recurring,
        (Example("到2025年,每年遴选30个项目。", "30个", "no year"),),
    ),
    Rule(
        "year_in_line",
        "到2025年/到十四五末 the deadline in the number's own line, before it",
        _own_line,
        (
            Example("到2025年,产业规模达到4000亿元。", "4000亿元", "year 2025"),
            Example("到“十四五”末,产业规模达到4000亿元。", "4000亿元", "year 2025"),
        ),
    ),
    Rule(
        "year_in_lead_in",
        "引导语 the deadline of the nearest lead-in above (到2025年:), list items skipped",
        _lead_in,
        (Example("到2027年,实现以下目标:\n——新增企业30家。", "30家", "year 2027"),),
    ),
)


def year_in(text: str) -> int | None:
    """The last deadline year written in ``text`` (到2025年, 2025年, …; 到十四五末)."""
    found: int | None = None
    for match in _YEAR.finditer(text):
        if match.group(0).startswith(("到", "至")) or text[match.end() : match.end() + 1] in ",，":
            found = int(match.group(1))
    five = list(_FIVE_YEAR_END.finditer(text))
    if five:
        plan_number = 10 + "一二三四五六七八九".index(five[-1].group(1)) + 1
        last = 2025 + (plan_number - 14) * 5  # the 14th five-year plan (十四五) ends in 2025
        if found is None or text.rfind(five[-1].group(0)) > text.rfind(str(found)):
            return last
    return found


def distributed(view: str, clause: int, start: int) -> int | None:
    """新引进A和B均达到10户: the position of B, which gets a target of its own."""
    head = view[clause:start]
    if "均" not in head:
        return None
    nouns = head.split("均")[0]
    for joiner in JOINERS:
        if joiner in nouns:
            return clause + nouns.rindex(joiner) + 1
    return None


@dataclass(frozen=True, slots=True)
class SplitSite:
    view: str
    item: int  # where the number's item starts
    start: int


SPLITS: tuple[Rule[SplitSite, int], ...] = (
    Rule(
        "shared_by_jun",
        "均 one number shared by coordinated things (A和B均达到10户): one target each",
        lambda site: distributed(site.view, site.item, site.start),
        (Example("到2025年,新引进链主企业和上市企业均达到10户。", "10户", "split"),),
    ),
)
