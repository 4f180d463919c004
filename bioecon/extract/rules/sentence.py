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
from bioecon.extract.rules.reading import CLAUSE_END, Candidate
from bioecon.extract.rules.words import target_words
from bioecon.extract.rules.years import (
    deadline_after,
    document_horizon,
    governing_heading_year,
    heading_rank,
    year_in,
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
        about funding, after 按 in its clause, capped (最高, op <=), a share of a base (返还其…
        的50%), or in a clause that names the support (给予企业30万元奖励, 的70%、80%给予奖励)."""
        view, start = self.view, self.start
        end = view.find("。", start)
        sentence = view[self.sentence_start : end if end != -1 else len(view)]
        clause_end = CLAUSE_END.search(view, start)
        clause = view[self.clause : clause_end.start() if clause_end else len(view)]
        words = target_words().funding
        return (
            bool(words.search(sentence))
            and unit_registry().measures(self.candidate.unit, "ratio", "money_cny")
            and (
                "按" in view[self.clause : start]
                or view[start - 1 : start] == "的"
                or bool(words.search(clause))
                or self.candidate.op is TargetOp.LE
                or "最高" in view[max(0, start - 4) : start]
            )
        )


def _past(site: SentenceSite) -> bool | None:
    if site.funding:  # 返还其上年度实际缴纳失业保险费的50%: the past is the rule's base
        return None
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
        (
            Example("截至2022年底,全市拥有生物企业1200家。", "1200家", "rejected"),
            Example("去年规上医药企业122户,实现营业收入201.8亿元。", "201.8亿元", "rejected"),
        ),
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


def _annual_rate(site: SentenceSite) -> Deadline | None:
    """年均增长10%: a rate that recurs every year of the plan, not a level by a deadline."""
    item = site.view[site.clause : site.start]
    return Deadline(None, "annual rate") if target_words().annual_rate.search(item) else None


def _recurring(site: SentenceSite) -> Deadline | None:
    recurring = is_recurring(site.view[site.sentence_start : site.start])
    return Deadline(None, "annual") if recurring else None


def _own_line(site: SentenceSite) -> Deadline | None:
    line = bisect_right(site.lines, site.start) - 1
    year = year_in(site.view[site.lines[line] : site.start])
    return Deadline(year, "line") if year is not None else None


def _after_in_sentence(site: SentenceSite) -> Deadline | None:
    """选取255公顷土地进行研究,以期在2024年或之前改划: a deadline written after the number."""
    end = site.view.find("。", site.start)
    year = deadline_after(site.view[site.start : end if end != -1 else len(site.view)])
    return Deadline(year, "after") if year is not None else None


def _lead_in(site: SentenceSite) -> Deadline | None:
    """The nearest lead-in above (sibling list items are skipped), up to the first heading."""
    view, lines = site.view, site.lines
    for index in range(bisect_right(lines, site.start) - 2, -1, -1):
        line = _line(view, lines, index)
        if not line.strip() or _ITEM.match(line):
            continue
        if heading_rank(line) is not None:
            return None
        found = year_in(line)
        if found is not None:
            return Deadline(found, "lead-in")
    return None


def _heading(site: SentenceSite) -> Deadline | None:
    """The year of a heading that governs the line: the nearest heading above, then each
    higher one (一、 above （一）, 第…章 above 一、) — the governing scope, not the nearest line."""
    year = governing_heading_year(site.view, site.start)
    return Deadline(year, "heading") if year is not None else None


def _horizon(site: SentenceSite) -> Deadline | None:
    horizon = document_horizon(site.view)
    return Deadline(horizon, "horizon") if horizon is not None else None


def _line(view: str, lines: list[int], index: int) -> str:
    return view[lines[index] : lines[index + 1] - 1 if index + 1 < len(lines) else len(view)]


YEARS: tuple[Rule[SentenceSite, Deadline], ...] = (
    Rule(
        "funding_no_year",
        "资金支持 a funding rule (policy_rule) has no deadline year",
        _funding_year,
        (Example("按研发投入的15%给予资金支持。", "15%", "no year"),),
    ),
    Rule(
        "annual_rate_no_year",
        "年均增长 a recurring annual rate (年均增长10%) has no year; a level beside it keeps its own",
        _annual_rate,
        (Example("到2025年,产值达到500亿元、年均增长15%。", "15%", "no year"),),
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
            Example("完善制度。2020年初步建成300个职业教育集团。", "300个", "year 2020"),
            Example("政府二○三○年的减排目标是把碳强度降低65%至70%。", "65%至70%", "year 2030"),
        ),
    ),
    Rule(
        "year_after_in_sentence",
        "之前 a deadline after the number in its sentence (在2024年或之前, 于2025年底前)",
        _after_in_sentence,
        (Example("研究255公顷土地,以期在2024年或之前改划。", "255公顷", "year 2024"),),
    ),
    Rule(
        "year_in_lead_in",
        "引导语 the deadline of the nearest lead-in above (到2025年:), list items skipped",
        _lead_in,
        (Example("到2027年,实现以下目标:\n——新增企业30家。", "30家", "year 2027"),),
    ),
    Rule(
        "year_in_heading",
        "标题年份 the year of a governing heading (一、2017年主要预期目标), nearest then higher",
        _heading,
        (
            Example("一、2021年主要预期目标\n1.地区生产总值增长6%以上。", "6%", "year 2021"),
            Example(
                "一、2017年的主要任务\n(一)稳增长\n全面实施。\n城镇新增就业70万人。",
                "70万人",
                "year 2017",
            ),
        ),
    ),
    Rule(
        "year_of_horizon",
        "规划期 nothing nearer dates it: the last year of the title's horizon (2023—2025年)",
        _horizon,
        (
            Example("生物医药行动计划(2023—2025年)\n新增企业30家。", "30家", "year 2025"),
            Example("“十四五”文物保护规划\n实施10—15个示范项目。", "10—15个", "year 2025"),
            Example("2024年政府工作报告任务分解表\n新增托位400个以上。", "400个", "year 2024"),
            Example(
                "一、目标\n2012年起5年内,培养人才。\n二、措施\n资助100名。", "100名", "year 2016"
            ),
        ),
    ),
)


_SHARED = re.compile(r"(?<![年人亩户平])均(?![衡等匀])")  # 年均/人均/亩均/平均/均衡 share nothing


def distributed(view: str, clause: int, start: int) -> int | None:
    """新引进A和B均达到10户: the position of B, which gets a target of its own."""
    head = view[clause:start]
    shared = _SHARED.search(head)
    if shared is None:
        return None
    nouns = head[: shared.start()]
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
