"""Targets (量化目标) and funding rules from a plan's text. Rules in docs/extraction.md.

Matching runs on a shadow of the text (full-width → ASCII, traditional → simplified, one
character for one), so every span is an exact slice of the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from bioecon.catalogs import unit_registry
from bioecon.domain.model import TargetKind, TargetOp
from bioecon.domain.target_kind import increment_verb, is_recurring, target_kind
from bioecon.extract.normalise import is_cjk, shadow
from bioecon.extract.numerals import to_decimal

NUMBER = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"
DASH = r"\s*(?:—{1,2}|-|~|至|到)\s*"
# Targets are amounts, counts and percentages: every unit of the registry (data/units.yaml) of
# those dimensions; not areas, 百分点, or 倍 (翻番 has its own rule).
READ_DIMENSIONS = ("money_", "count_", "ratio")
BARE_YI = "亿"  # 营业收入达到100亿: a bare 亿 after a number reads as 亿元


def unit_as_read(unit: str) -> str:
    """The unit a target is given for the unit word written (亿 → 亿元; others as written)."""
    return "亿元" if unit == BARE_YI else unit


@cache
def _candidate() -> re.Pattern[str]:
    names = unit_registry().names(*READ_DIMENSIONS)
    units = "|".join(re.escape(n) for n in (*names, BARE_YI))
    # 万 multiplies (1.2万家) unless it begins a unit (万元, 万人, 万亿元)
    wan_units = "|".join(re.escape(n[1:]) for n in names if n.startswith("万"))
    return re.compile(
        rf"(?P<low>{NUMBER})(?:{DASH}(?P<high>{NUMBER}))?\s*(?P<mult>万(?!{wan_units}))?"
        rf"(?P<unit>{units})|(?P<double>翻一番|翻两番|翻番)"
    )


_CLAUSE_BREAK = re.compile(r"[,，。;；:：!！?？\n]|——")
_YEAR = re.compile(r"(?:到|至|于|在)?(20\d\d)年(?:底|末|前)?")
_FIVE_YEAR_END = re.compile(r"(?:到|至)[“\"]?十([一二三四五六七八九])五[”\"]?(?:期)?末")
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[章节部分])"
)
_ITEM = re.compile(r"^\s*(?:——|—|-|•|·|[“\"][^”\"]{1,12}[”\"]\s*[:：])")
_PAST = re.compile(r"已|截至|截止|同比|比上年|较上年|上年度|去年|累计实现")
_PAST_SENTENCE = re.compile(r"截至|截止")  # 截至2020年底,…: the whole sentence reports the past
_FUNDING = re.compile(r"给予|补助|补贴|奖励|资助|资金支持|扶持")
_CHINESE_VERBS = re.compile(
    r"(?:达到|达|突破|超过|超|新增|培育|引进|新培育|新引进|争取|建成|打造)$"
)
_DATE_AFTER = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}")

_GE_BEFORE = ("突破", "超过", "超", "过", "不低于", "不少于", "多于", "高于")
_EQ_BEFORE = ("争取达到", "力争达到", "达到", "达", "为", "实现", "满足")
_APPROX_BEFORE = ("约", "近", "接近")
_LE_BEFORE = ("最高", "不超过", "不高于", "控制在", "以内")


@dataclass(frozen=True, slots=True)
class ExtractedTarget:
    kind: TargetKind
    year: int | None
    subject: str
    metric: str
    qualifier: str | None
    op: TargetOp
    value: Decimal
    value_high: Decimal | None
    unit: str
    quote: str
    start: int
    end: int

    @property
    def record_kind(self) -> str:
        """``policy_rule`` or ``target``: the ``kind`` of `bioecon extract`'s records (the
        jsonl contract, beside ``task``); the target's own kind is :attr:`kind`."""
        return "policy_rule" if self.kind is TargetKind.POLICY_RULE else "target"


def extract_targets(text: str) -> list[ExtractedTarget]:
    view = shadow(text)
    lines = _line_starts(view)
    found: list[ExtractedTarget] = []
    qualifiers: list[tuple[int, int]] = []
    for match in _candidate().finditer(view):
        candidate = _read(view, match, qualifiers)
        if candidate is None:
            continue
        found += _expand(text, view, match, candidate, lines, qualifiers)
    return found


@dataclass(frozen=True, slots=True)
class _Candidate:
    value: Decimal
    value_high: Decimal | None
    unit: str
    op: TargetOp
    end: int  # after the unit and any 以上/左右


def _read(view: str, match: re.Match[str], qualifiers: list[tuple[int, int]]) -> _Candidate | None:
    start, end = match.span()
    before = view[max(0, start - 12) : start]
    after = view[end : end + 12]
    if match.group("double"):
        times = Decimal(4) if match.group("double") == "翻两番" else Decimal(2)
        return _Candidate(times, None, "倍", TargetOp.TIMES, end)
    low_text, high_text, unit = match.group("low"), match.group("high"), match.group("unit")
    unit = unit_as_read(unit)
    money = unit_registry().measures(unit, "money_")
    chinese = not low_text[0].isdigit()
    if chinese and low_text[0] in "百千万":
        return None  # 百亿, 千亿: colloquial grades (百亿级企业, 破百亿), not amounts
    if chinese and (not money and not _CHINESE_VERBS.search(before)):
        return None  # 四个专题组, 两大集聚区: Chinese-numeral counts only after a target verb
    if after.startswith("级"):
        return None  # 千亿级产业集群, 10亿级: a grade, not a committed amount
    if start > 0 and (view[start - 1].isdigit() or view[start - 1] in ".〔[("):
        return None  # part of a longer number, a document number or a code
    if before.rstrip().endswith("等"):
        return None  # 等7个产业集聚区: an enumeration of named items
    if _DATE_AFTER.match(after):
        return None  # a web page's news headline followed by its date
    value = to_decimal(low_text)
    high = to_decimal(high_text) if high_text else None
    if value is None or (high_text and high is None):
        return None
    multiplier = Decimal(10_000) if match.group("mult") else Decimal(1)
    value *= multiplier
    high = high * multiplier if high is not None else None
    if money and _is_qualifier(view, start, end, before):
        item = max(_clause_start(view, start), view.rfind("、", 0, start) + 1)
        qualifiers.append((item, end))
        return None
    op, tail = _op_and_tail(before, after, ranged=high is not None)
    return _Candidate(value, high, unit, op, end + len(tail))


_OP_AFTER = (
    ("及以上", TargetOp.GE),
    ("以上", TargetOp.GE),
    ("左右", TargetOp.APPROX),
    ("以下", TargetOp.LE),
    ("以内", TargetOp.LE),
)


def _op_and_tail(before: str, after: str, *, ranged: bool) -> tuple[TargetOp, str]:
    """The op and the word after the unit that belongs to the target (以上, 左右 …): a word
    after wins over the word before (达到50%以上 is >=); a range stays a range."""
    op = TargetOp.RANGE if ranged else _op_before(before)
    for word, word_op in _OP_AFTER:
        if after.startswith(word):
            return (op if ranged else word_op), word
    return op, ""


def _is_qualifier(view: str, start: int, end: int, before: str) -> bool:
    """An amount that grades a counted thing (过100亿元的骨干企业, 销售收入过50亿元企业)."""
    rest = view[end:]
    for word in ("及以上", "以上", "以下"):
        if rest.startswith(word):
            rest = rest[len(word) :]
    if rest.startswith("的"):
        following = rest[1:2]
        return bool(following) and (is_cjk(following) or following.isdigit() or following in '“"')
    following = rest[:1]
    graded = before.endswith(("过", "超过", "超", "达", "达到", "在"))
    return (
        graded and bool(following) and is_cjk(following) and not rest.startswith(("规模", "产值"))
    )


def _op_before(before: str) -> TargetOp:
    text = before.rstrip()
    for words, op in (
        (_LE_BEFORE, TargetOp.LE),
        (_APPROX_BEFORE, TargetOp.APPROX),
        (_GE_BEFORE, TargetOp.GE),
        (_EQ_BEFORE, TargetOp.EQ),
    ):
        if any(text.endswith(w) for w in words):
            return op
    return TargetOp.EQ


def _clause_start(view: str, position: int) -> int:
    start = position
    while start > 0:
        if _CLAUSE_BREAK.match(view, start - 1) or view[start - 2 : start] == "——":
            break
        start -= 1
    return start


def _expand(
    text: str,
    view: str,
    match: re.Match[str],
    candidate: _Candidate,
    lines: list[int],
    qualifiers: list[tuple[int, int]],
) -> list[ExtractedTarget]:
    start = match.start()
    clause = _clause_start(view, start)
    clause_text = view[clause:start]
    sentence_start = max(view.rfind("。", 0, start) + 1, view.rfind("\n", 0, start) + 1)
    if _PAST.search(clause_text) or _PAST.search(view[start : candidate.end + 4]):
        return []
    if _PAST_SENTENCE.search(view[sentence_start:start]):
        return []
    funding = _is_funding(view, sentence_start, clause, start, candidate)
    if funding and "最高" in view[max(0, start - 4) : start]:
        candidate = replace(candidate, op=TargetOp.LE)
    recurring = is_recurring(view[sentence_start:start])
    year = None if (funding or recurring) else _year(view, start, lines)
    qualifier = _qualifier_of(view, clause, start, qualifiers)
    metric, subject = _metric_and_subject(clause_text, qualifier)

    def target(quote_start: int, metric: str) -> ExtractedTarget:
        quote = text[quote_start : candidate.end]
        kind = target_kind(
            funding=funding, recurring=recurring, op=candidate.op, unit=candidate.unit, quote=quote
        )
        return ExtractedTarget(
            kind=kind,
            year=year,
            subject=subject,
            metric=metric,
            qualifier=qualifier,
            op=candidate.op,
            value=candidate.value,
            value_high=candidate.value_high,
            unit=candidate.unit,
            quote=quote,
            start=quote_start,
            end=candidate.end,
        )

    targets = [target(clause, metric)]
    second = _distributed(view, clause, start)
    if second is not None:
        # 新引进A和B均…: the quote of B starts at the verb that governs it too (the kind is read
        # from it); with no such verb, at B itself
        verb = increment_verb(view[clause:second])
        quote_start = clause + verb.start() if verb is not None else second
        targets.append(target(quote_start, view[second:start].split("均")[0]))
    return targets


def _is_funding(
    view: str, sentence_start: int, clause: int, start: int, candidate: _Candidate
) -> bool:
    """按照研发投入的15%、最高1000万元给予资金支持: a % or an amount in 元 in a sentence about
    funding, after 按 in its clause, or capped (最高, op <=)."""
    end = view.find("。", start)
    sentence = view[sentence_start : end if end != -1 else len(view)]
    return (
        bool(_FUNDING.search(sentence))
        and unit_registry().measures(candidate.unit, "ratio", "money_cny")
        and (
            "按" in view[clause:start]
            or candidate.op is TargetOp.LE
            or "最高" in view[max(0, start - 4) : start]
        )
    )


def _qualifier_of(
    view: str, clause: int, start: int, qualifiers: list[tuple[int, int]]
) -> str | None:
    """The class threshold read just before in the same item (过100亿元的), if any."""
    item = max(clause, view.rfind("、", 0, start) + 1)
    return next(
        (
            view[q0:q1]
            for q0, q1 in reversed(qualifiers)
            if clause <= q0 < start and q0 >= item - 40 and q1 <= start
        ),
        None,
    )


def _distributed(view: str, clause: int, start: int) -> int | None:
    """新引进A和B均达到10户: the position of B, which gets a target of its own."""
    head = view[clause:start]
    if "均" not in head:
        return None
    nouns = head.split("均")[0]
    for joiner in ("和", "、", "及", "与"):
        if joiner in nouns:
            return clause + nouns.rindex(joiner) + 1
    return None


_METRIC_VERBS = re.compile(
    r"(?:争取达到|力争达到|力争实现|力争|达到|达|突破|超过|超|过|为|实现|新增|培育|引进|新培育|新引进|获得|满足|约|近)+$"
)
_LEAD = re.compile(r"^(?:到|至)?(?:20\d\d年|[“\"]?十[一二三四五六七八九]五[”\"]?末期?)[,，]?")


def _metric_and_subject(head: str, qualifier: str | None) -> tuple[str, str]:
    metric = _LEAD.sub("", head.strip())
    metric = _METRIC_VERBS.sub("", metric).strip() or head.strip()
    for word in ("总产值", "规模", "产值", "总量", "数量", "总数", "覆盖率"):
        if metric.endswith(word) and len(metric) > len(word):
            return word, metric[: -len(word)]  # 全市生物医药产业规模 → 全市生物医药产业 / 规模
    return metric, "全市"


def _line_starts(view: str) -> list[int]:
    starts = [0]
    starts += [i + 1 for i, c in enumerate(view) if c == "\n"]
    return starts


def _year(view: str, position: int, lines: list[int]) -> int | None:
    """The deadline that governs ``position``: in its own line before it; else in the nearest
    lead-in above (sibling list items are skipped, a heading ends the search)."""
    line_index = bisect_right(lines, position) - 1
    own = view[lines[line_index] : position]
    year = _year_in(own)
    if year is not None:
        return year
    for index in range(line_index - 1, -1, -1):
        line = view[lines[index] : lines[index + 1] - 1 if index + 1 < len(lines) else len(view)]
        if not line.strip():
            continue
        if _HEADING.match(line):
            return None
        if _ITEM.match(line):
            continue
        found = _year_in(line)
        if found is not None:
            return found
    return None


def _year_in(text: str) -> int | None:
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
