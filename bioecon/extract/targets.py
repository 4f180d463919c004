"""Targets (量化目标) and funding rules from a plan's text. Rules in docs/extraction.md.

Matching runs on a shadow of the text (full-width → ASCII, traditional → simplified, one
character for one), so every span is an exact slice of the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal

from bioecon.catalogs import unit_registry
from bioecon.domain.model import TargetKind, TargetNature, TargetOp
from bioecon.domain.target_kind import increment_verb, is_recurring, target_kind
from bioecon.extract import tables
from bioecon.extract.coordination import coordinated, distributed_amount
from bioecon.extract.funding_names import FundingText, funding_name, is_award
from bioecon.extract.names import (
    amount_name,
    band_noun,
    bare_qualifier,
    count_metric,
    document_subject,
    drop_back_reference,
    is_paired_verb,
    is_year_plan,
    read_count,
    tail_noun,
)
from bioecon.extract.normalise import shadow
from bioecon.extract.rules import sentence
from bioecon.extract.rules.base import Decision, first, rejected
from bioecon.extract.rules.candidate import read_candidate
from bioecon.extract.rules.reading import CLAUSE_END, Candidate, candidate_pattern, read_site
from bioecon.extract.rules.sentence import SentenceSite, SplitSite
from bioecon.extract.subjects import (
    heading_subject,
    label_subject,
    lead_subject,
    paragraph_subject,
)

_NEWLINE = re.compile("\n")


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
    return tables.with_table_targets(text, trace_targets(text).targets)


@dataclass(frozen=True, slots=True)
class Trace:
    """The targets of a text, and for every candidate number (by its match's span in the
    text) the rules that decided about it, in the order they did."""

    targets: list[ExtractedTarget]
    numbers: list[tuple[int, int, list[Decision]]]


def trace_targets(text: str) -> Trace:
    view = shadow(text)
    qualifiers: list[tuple[int, int]] = []
    read: list[tuple[re.Match[str], Candidate, list[Decision]]] = []
    numbers: list[tuple[int, int, list[Decision]]] = []
    previous_end = 0
    for match in candidate_pattern().finditer(view):
        decisions: list[Decision] = []
        numbers.append((match.start(), match.end(), decisions))
        candidate = read_candidate(read_site(view, match), decisions)
        if candidate is not None:
            read.append((match, candidate, decisions))
        elif decisions[-1].outcome == "threshold":
            clause = _clause_start(view, match.start())
            item = max(clause, view.rfind("、", clause, match.start()) + 1, previous_end)
            qualifiers.append((item, match.end()))
        previous_end = match.end()
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
        is_year_plan(view),
    )
    found: list[ExtractedTarget] = []
    carried: _Carried | None = None
    for match, candidate, decisions in read:
        targets, carried = _expand(context, match, candidate, carried, decisions)
        found += targets
    return Trace(found, numbers)


def _clause_start(view: str, position: int) -> int:
    start = position
    while start > 0:
        if CLAUSE_END.match(view, start - 1) or view[start - 2 : start] == "——":
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
    year_plan: bool  # a year's plan (政府工作报告 分工): growth rates are named whole


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
    metric: str = ""  # 的70%、80%和90%: a bare number names the measure of the one before it


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
    candidate: Candidate,
    carried: _Carried | None,
    decisions: list[Decision],
) -> tuple[list[ExtractedTarget], _Carried | None]:
    view, start = context.view, match.start()
    clause = _clause_start(view, start)
    sentence_start = max(view.rfind("。", 0, start) + 1, view.rfind("\n", 0, start) + 1)
    site = SentenceSite(view, context.lines, start, candidate, clause, sentence_start)
    if first(sentence.REJECTIONS, site, decisions, rejected):
        return [], carried
    carry_start, carried, item = _item(view, sentence_start, clause, start, carried)
    funding = site.funding
    capped = first((sentence.FUNDING_CAP,), site, decisions, _op)
    if capped is not None:
        candidate = replace(candidate, op=capped)
    recurring = is_recurring(view[sentence_start:start])
    deadline = first(sentence.YEARS, site, decisions, str)
    year = deadline.year if deadline is not None else None
    named = _name(context, item, start, candidate, funding, carried, sentence_start, carry_start)
    subject = drop_back_reference(
        named.subject
        or (carried.subject if carried is not None and carried.subject else None)
        or _context_subject(context, sentence_start, start)
    )
    metric = named.metrics[0] or (carried.metric if carried is not None else "")
    carried = replace(named.carried, subject=subject, metric=metric)

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

    targets = [target(item, metric)]
    second = first(sentence.SPLITS, SplitSite(view, item, start), decisions, _split)
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
    candidate: Candidate,
    funding: bool,
    carried: _Carried | None,
    sentence_start: int,
    carry_start: int,
) -> _Named:
    """The metric(s), the sentence's subject, the qualifier and the governing verb."""
    view, head = context.view, context.view[item:start]
    sentence_end = view.find("。", start)
    after = view[candidate.end : sentence_end if sentence_end != -1 else len(view)]
    given = unit_registry().measures(candidate.unit, "money_", "ratio")
    programme = (
        _PROGRAMME.match(after) if unit_registry().measures(candidate.unit, "money_") else None
    )
    if programme is not None:  # 推出新一轮15亿元的「研究配对补助金计划」: the programme's size
        mine = _Carried(carry_start, programme.group(1), candidate.end)
        return _Named(("规模",), programme.group(1), None, None, candidate.end, mine)
    if funding or (given and is_award(head, after)):
        heading = _heading_title(view, context.lines, start) or ""
        text = FundingText(head, after, view[sentence_start:start], heading)
        share = unit_registry().measures(candidate.unit, "ratio")
        # a share under a ceiling (不超过总投入30%) is still a share, not a cap (最高3000万元)
        capped = candidate.op is TargetOp.LE and not share
        metric, subject = funding_name(text, capped=capped, share=share)
    elif candidate.op is TargetOp.TIMES or not unit_registry().measures(candidate.unit, "count_"):
        metric, subject = amount_name(head, year_plan=context.year_plan)
        metric = distributed_amount(view[sentence_start:start], after) or metric
    else:
        return _name_count(context, item, start, candidate, carried, carry_start)
    qualifier = _qualifier_of(context, item, candidate.end)
    mine = _Carried(carry_start, subject or "", candidate.end)
    metrics = coordinated(metric) if _shared(view, item, start) else (metric,)
    return _Named(metrics, subject, qualifier, None, candidate.end, mine)


# an amount right before a programme or fund named in 「」 or “” (rule book 5: 推出新一轮15亿元的
# 「…计划」, 设立100亿元「…基金」) is its size; the programme is what is measured
_PROGRAMME = re.compile(r"\s*的?\s*([「“][^」”]{2,30}[」”])")


def _name_count(
    context: _Context,
    item: int,
    start: int,
    candidate: Candidate,
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
    nouns = coordinated(noun) if _shared(view, item, start) else (noun,)
    yearly = is_recurring(view[carry_start:start])
    metrics = tuple(
        count_metric(n, verb, narrowed=narrowed, unit=candidate.unit, yearly=yearly) for n in nouns
    )
    mine = _Carried(carry_start, count.subject or "", end, verb, rest, band)
    return _Named(metrics, count.subject, qualifier, verb, end, mine)


def _shared(view: str, item: int, start: int) -> bool:
    """Whether a rule of the SPLITS registry shares the number by two things (均)."""
    split = SplitSite(view, item, start)
    return any(rule.decide(split) is not None for rule in sentence.SPLITS)


def _clause_end(context: _Context, position: int) -> int:
    """The end of the clause at ``position``, or the start of the next number that is not a
    class threshold (新增3个平台和5个基地 ends at 5; 1—2个规模过500亿的特色集群 does not end at 500)."""
    view = context.view
    found = CLAUSE_END.search(view, position)
    end = found.start() if found is not None else len(view)
    for following in candidate_pattern().finditer(view, position, end):
        grade = view[following.end() : following.end() + 1] == "级" or _COLLOQUIAL.fullmatch(
            following.group()
        )
        if following.end() not in context.threshold_ends and not grade:
            return following.start()  # not a grade either: 2个千亿级产业集群, 8个百亿企业
    return end


_COLLOQUIAL = re.compile(r"[十百千万]+亿")  # 百亿企业, 千亿集群: a grade word, not a number


def _context_subject(context: _Context, sentence_start: int, start: int) -> str:
    """A subject the sentence does not name: the label before it (湘江新区:), else the subject
    of its opening clause (到2025年,生物经济成为…), else the subject an earlier sentence of the
    paragraph names in its deadline clause, else the governing heading's place or body, else
    the plan's region and industry (全市生物经济)."""
    view = context.view
    label = label_subject(view[sentence_start:start]) or lead_subject(view[sentence_start:start])
    if label is not None:
        return label
    part = max(sentence_start, view.rfind(";", 0, start) + 1, view.rfind("；", 0, start) + 1)
    line = context.lines[bisect_right(context.lines, start) - 1]
    paragraph = paragraph_subject(view[line:part])
    if paragraph is not None:
        return paragraph
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


def _qualifier_of(context: _Context, item: int, end: int) -> str | None:
    """The class threshold read in the item, before its number or in the noun after it
    (过100亿元的骨干企业2家; 2家销售收入过50亿元企业), if any."""
    first = bisect_left(context.qualifier_starts, item)
    last = bisect_right(context.qualifier_starts, end)
    return next(
        (context.view[q0:q1] for q0, q1 in reversed(context.qualifiers[first:last]) if q1 <= end),
        None,
    )


def _line_starts(view: str) -> list[int]:
    return [0, *(match.end() for match in _NEWLINE.finditer(view))]


def _op(op: TargetOp) -> str:
    return f"op {op}"


def _split(_: int) -> str:
    return "split"
