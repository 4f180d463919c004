"""Targets (量化目标) and funding rules from a plan's text. Rules in docs/extraction.md.

Matching runs on a shadow of the text (full-width → ASCII, traditional → simplified, one
character for one), so every span is an exact slice of the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from bioecon.catalogs import unit_registry
from bioecon.domain.model import TargetKind, TargetNature, TargetOp
from bioecon.domain.target_kind import increment_verb, is_recurring, target_kind
from bioecon.extract.names import (
    amount_name,
    band_noun,
    bare_qualifier,
    count_metric,
    document_subject,
    funding_name,
    heading_subject,
    is_paired_verb,
    label_subject,
    lead_subject,
    read_count,
    tail_noun,
)
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
    base_value: Decimal | None = None  # 基期值 (a 主要指标 table's base column)
    base_year: int | None = None
    nature: TargetNature | None = None  # 属性: 预期性/约束性, where the plan states it

    @property
    def record_kind(self) -> str:
        """``policy_rule`` or ``target``: the ``kind`` of `bioecon extract`'s records (the
        jsonl contract, beside ``task``); the target's own kind is :attr:`kind`."""
        return "policy_rule" if self.kind is TargetKind.POLICY_RULE else "target"


def extract_targets(text: str) -> list[ExtractedTarget]:
    view = shadow(text)
    qualifiers: list[tuple[int, int]] = []
    read: list[tuple[re.Match[str], _Candidate]] = []
    previous_end = 0
    for match in _candidate().finditer(view):
        candidate = _read(view, match, qualifiers, previous_end)
        previous_end = match.end()
        if candidate is not None:
            read.append((match, candidate))
    # a second pass: a class threshold after a count (培育2家销售收入过50亿元企业) is known by now
    thresholds = tuple(sorted(qualifiers))
    context = _Context(
        text,
        view,
        _line_starts(view),
        thresholds,
        tuple(q0 for q0, _ in thresholds),
        frozenset(q1 for _, q1 in thresholds),
        document_subject(view),
    )
    found: list[ExtractedTarget] = []
    carried: _Carried | None = None
    for match, candidate in read:
        targets, carried = _expand(context, match, candidate, carried)
        found += targets
    return found


@dataclass(frozen=True, slots=True)
class _Candidate:
    value: Decimal
    value_high: Decimal | None
    unit: str
    op: TargetOp
    end: int  # after the unit and any 以上/左右


def _read(
    view: str, match: re.Match[str], qualifiers: list[tuple[int, int]], previous_end: int
) -> _Candidate | None:
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
        clause = _clause_start(view, start)
        item = max(clause, view.rfind("、", clause, start) + 1, previous_end)
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


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    view: str
    lines: list[int]
    qualifiers: tuple[tuple[int, int], ...]  # (start, end) of each class threshold, sorted
    qualifier_starts: tuple[int, ...]  # their starts, to bisect
    threshold_ends: frozenset[int]
    document_subject: str


@dataclass(frozen=True, slots=True)
class _Carried:
    """What a target leaves to the next one of its sentence: its subject, its end, and for a
    count its verb, bare noun and band measure, which an elided coordinated item takes over
    (引进培育…骨干企业2—3家,过50亿元的3—5家)."""

    sentence: int
    subject: str
    end: int
    verb: str | None = None
    noun: str = ""
    band: str = ""


@dataclass(frozen=True, slots=True)
class _Named:
    metrics: tuple[str, ...]  # one per thing the number counts (two with 均)
    subject: str | None  # the sentence's own (None: from the context)
    qualifier: str | None
    verb: str | None  # the verb governing a count, its own or inherited
    end: int  # the quote's end (after the counted noun when it follows the number)
    carried: _Carried


def _expand(
    context: _Context,
    match: re.Match[str],
    candidate: _Candidate,
    carried: _Carried | None,
) -> tuple[list[ExtractedTarget], _Carried | None]:
    view, start = context.view, match.start()
    clause = _clause_start(view, start)
    clause_text = view[clause:start]
    sentence_start = max(view.rfind("。", 0, start) + 1, view.rfind("\n", 0, start) + 1)
    if _PAST.search(clause_text) or _PAST.search(view[start : candidate.end + 4]):
        return [], carried
    if _PAST_SENTENCE.search(view[sentence_start:start]):
        return [], carried
    carry_start, carried, item = _item(view, sentence_start, clause, start, carried)
    funding = _is_funding(view, sentence_start, clause, start, candidate)
    if funding and "最高" in view[max(0, start - 4) : start]:
        candidate = replace(candidate, op=TargetOp.LE)
    recurring = is_recurring(view[sentence_start:start])
    year = None if (funding or recurring) else _year(view, start, context.lines)
    named = _name(context, item, start, candidate, funding, carried, sentence_start, carry_start)
    subject = (
        named.subject
        or (carried.subject if carried is not None and carried.subject else None)
        or _context_subject(context, sentence_start, start)
    )
    carried = replace(named.carried, subject=subject)

    def target(quote_start: int, metric: str) -> ExtractedTarget:
        quote = context.text[quote_start : named.end]
        kind = target_kind(
            funding=funding,
            recurring=recurring,
            op=candidate.op,
            unit=candidate.unit,
            quote=quote,
            verb=named.verb,
        )
        return ExtractedTarget(
            kind=kind,
            year=year,
            subject=subject,
            metric=metric,
            qualifier=named.qualifier,
            op=candidate.op,
            value=candidate.value,
            value_high=candidate.value_high,
            unit=candidate.unit,
            quote=quote,
            start=quote_start,
            end=named.end,
        )

    targets = [target(item, named.metrics[0])]
    second = _distributed(view, item, start)
    if second is not None:
        # 新引进A和B均…: the quote of B starts at the verb that governs it too (the kind is read
        # from it); with no such verb, at B itself
        verb = increment_verb(view[item:second])
        quote_start = item + verb.start() if verb is not None else second
        targets.append(target(quote_start, named.metrics[-1]))
    return targets, carried


def _item(
    view: str, sentence_start: int, clause: int, start: int, carried: _Carried | None
) -> tuple[int, _Carried | None, int]:
    """Where what carries over starts (a subject and a verb carry within a sentence, not across
    its ；, which joins coordinated sentences), what carries to this target, and where its item
    starts: its clause, or after an earlier target of the clause and its 、/和/及."""
    carry_start = max(
        sentence_start,
        view.rfind(";", sentence_start, start) + 1,
        view.rfind("；", sentence_start, start) + 1,
    )
    if carried is not None and carried.sentence != carry_start:
        carried = None
    item = clause
    if carried is not None and clause <= carried.end <= start:
        between = view[carried.end : start]
        item = carried.end + len(between) - len(between.lstrip("、和及与 "))
    return carry_start, carried, item


def _name(
    context: _Context,
    item: int,
    start: int,
    candidate: _Candidate,
    funding: bool,
    carried: _Carried | None,
    sentence_start: int,
    carry_start: int,
) -> _Named:
    """The metric(s), the sentence's subject, the qualifier and the governing verb."""
    view, head = context.view, context.view[item:start]
    sentence_end = view.find("。", start)
    if funding:
        sentence = view[sentence_start : sentence_end if sentence_end != -1 else len(view)]
        metric, subject = funding_name(head, sentence, capped=candidate.op is TargetOp.LE)
    elif candidate.op is TargetOp.TIMES or not unit_registry().measures(candidate.unit, "count_"):
        metric, subject = amount_name(head)
    else:
        return _name_count(context, item, start, candidate, carried, carry_start)
    qualifier = _qualifier_of(context, item, candidate.end)
    mine = _Carried(carry_start, subject or "", candidate.end)
    return _Named((metric,), subject, qualifier, None, candidate.end, mine)


def _name_count(
    context: _Context,
    item: int,
    start: int,
    candidate: _Candidate,
    carried: _Carried | None,
    carry_start: int,
) -> _Named:
    """A count: 新增 | 国家级创新平台 | 25个; an item with no verb of its own takes the previous
    item's (获得药品上市批文30个以上,三类医疗器械注册批件20件以上), and an item with no noun takes
    its noun and its band's measure too (…骨干企业2—3家,过50亿元的3—5家)."""
    view = context.view
    limit = _clause_end(context, candidate.end)
    count = read_count(view[item:start], tail_noun(view[candidate.end : limit]))
    end = view.find(count.noun, candidate.end, limit) + len(count.noun) if count.from_tail else 0
    end = max(end, candidate.end)
    written = _qualifier_of(context, item, end)
    bare = bare_qualifier(written) if written else None
    band = band_noun(bare) if bare else ""
    qualifier = bare
    if bare and not band and carried is not None and carried.band:
        band, qualifier = carried.band, carried.band + bare
    rest = count.noun
    if bare and bare in rest:
        rest = rest[rest.index(bare) + len(bare) :].removeprefix("的")
    elided_noun = not rest
    if elided_noun and carried is not None:
        rest = carried.noun
    if bare and qualifier and elided_noun:
        noun = f"{qualifier}的{rest}"  # an elided noun: the band and the neighbour's noun
    else:
        noun = count.noun.replace(bare, qualifier, 1) if bare and qualifier else count.noun
    inherited = carried.verb if (count.elided and carried is not None) else None
    verb = count.verb or inherited
    narrowed = count.compared or (verb is not None and is_paired_verb(verb))
    nouns = _coordinated(noun) if _distributed(view, item, start) is not None else (noun,)
    metrics = tuple(count_metric(n, verb, narrowed=narrowed, unit=candidate.unit) for n in nouns)
    mine = _Carried(carry_start, count.subject or "", end, verb, rest, band)
    return _Named(metrics, count.subject, qualifier, verb, end, mine)


def _coordinated(noun: str) -> tuple[str, str]:
    """“链主”企业和上市企业 → (“链主”企业, 上市企业): the things one number is shared by (均)."""
    for joiner in ("和", "、", "及", "与"):
        if joiner in noun:
            at = noun.rindex(joiner)
            return noun[:at], noun[at + 1 :]
    return noun, noun


def _clause_end(context: _Context, position: int) -> int:
    """The end of the clause at ``position``, or the start of the next number that is not a
    class threshold (新增3个平台和5个基地 ends at 5; 1—2个规模过500亿的特色集群 does not end at 500)."""
    view = context.view
    found = _CLAUSE_BREAK.search(view, position)
    end = found.start() if found is not None else len(view)
    for following in _candidate().finditer(view, position, end):
        if following.end() not in context.threshold_ends:
            return following.start()
    return end


def _context_subject(context: _Context, sentence_start: int, start: int) -> str:
    """A subject the sentence does not name: the label before it (湘江新区:), else the subject
    of its opening clause (到2025年,生物经济成为…), else the governing heading's place or body,
    else the plan's region and industry (全市生物经济)."""
    view = context.view
    label = label_subject(view[sentence_start:start]) or lead_subject(view[sentence_start:start])
    if label is not None:
        return label
    heading = _heading_title(view, context.lines, start)
    found = heading_subject(heading) if heading else None
    return found or context.document_subject


_ITEM_START = re.compile(
    r"^\s*(?:——|—|\d+[.、．]|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)"
)


def _heading_title(view: str, lines: list[int], position: int) -> str | None:
    """The title (first sentence) of the item or heading that governs ``position``: its own
    line's when that line opens with a number or ——, else the nearest such line above."""
    index = bisect_right(lines, position) - 1
    for at in range(index, -1, -1):
        end = lines[at + 1] - 1 if at + 1 < len(lines) else len(view)
        line = view[lines[at] : end]
        if _ITEM_START.match(line):
            title = re.split(r"[。:：]", line, maxsplit=1)[0]
            if at < index or lines[at] + len(title) < position:
                return title
            return None
    return None


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


def _qualifier_of(context: _Context, item: int, end: int) -> str | None:
    """The class threshold read in the item, before its number or in the noun after it
    (过100亿元的骨干企业2家; 2家销售收入过50亿元企业), if any."""
    first = bisect_left(context.qualifier_starts, item)
    last = bisect_right(context.qualifier_starts, end)
    return next(
        (context.view[q0:q1] for q0, q1 in reversed(context.qualifiers[first:last]) if q1 <= end),
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
