"""What a target measures and of whom: its ``metric`` and ``subject``, in the document's words,
read from the grammar around its number (verb · noun phrase · number · unit · coordination).
Rules and reasons: docs/extraction.md, "Names"; the words: bioecon/data/extract/naming.yaml.

Everything here reads the *shadow* of the text (bioecon/extract/normalise.py), so names come
out in simplified script; offsets are not needed, since a name is not a span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from bioecon.catalogs import read_data_file
from bioecon.extract.normalise import is_cjk


def alternation(words: list[str]) -> str:
    """A regular-expression alternation of ``words``, longest first (so 新引进 wins over 引进)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class NamingWords:
    counting: re.Pattern[str]  # a counting or existing verb
    counting_end: re.Pattern[str]  # the same, ending a text
    counting_verbs: frozenset[str]
    counting_verb: re.Pattern[str]  # one counting verb
    verb_prefix: re.Pattern[str]  # 累计: a word that opens a verb without changing it
    paired_verbs: frozenset[str]
    predicate: re.Pattern[str]
    comparing_end: re.Pattern[str]  # comparison words (and 均) ending a head
    opening: re.Pattern[str]  # a year lead-in or an opener starting a head
    count_measure_end: re.Pattern[str]
    measure: re.Pattern[str]  # a measure of an amount or a share
    amount_measure: re.Pattern[str]  # a measure of an amount, ending a text
    growth_end: re.Pattern[str]  # a growth word, ending a text
    rate_end: re.Pattern[str]  # the last character of a rate (机械化率)
    subject_head: re.Pattern[str]
    jurisdiction: re.Pattern[str]
    body_end: re.Pattern[str]
    heading_verb: re.Pattern[str]
    person_units: frozenset[str]
    state_verbs: frozenset[str]
    fostering_verbs: frozenset[str]  # 培育: its count is a level of the things fostered
    predicate_opener: re.Pattern[str]  # 在, 赴, 参加 …: a counted noun's own predicate


# a list item's own number (1. 2、 (3) ④ 一是), which opens a head without naming anything
_LIST_MARK = (
    r"(?:\d{1,2}[.、．)）](?!\d)|[(（]\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]是"
    r"|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])"
)


@cache
def naming_words() -> NamingWords:
    data = read_data_file("extract/naming.yaml")
    counting = alternation(data["counting_verbs"])
    before = alternation(data["verb_prefixes"])
    every = alternation([*data["counting_verbs"], *data["state_verbs"], *data["action_verbs"]])
    # 累计引进, 新引进培育, 引进和培育, 重点评选资助: a prefix and a chain of verbs are one verb
    nominal = alternation(data["nominal_verbs"])
    verbs = rf"(?:{before})?(?:{every})(?:[和及、并](?:{every})|(?!{nominal})(?:{every}))*"
    year = r"(?:到|至)?(?:20\d\d年(?:底|末|起)?|[“\"]?十[一二三四五六七八九]五[”\"]?末期?)[,，]?"
    year += r"|(?:\d{1,2}|[一二三四五六七八九十两]{1,2})年(?:内|间|来)[,，]?"  # 5年内: a span
    return NamingWords(
        counting=re.compile(verbs),
        counting_end=re.compile(f"(?:{verbs})$"),
        counting_verbs=frozenset(data["counting_verbs"]),
        counting_verb=re.compile(counting),
        verb_prefix=re.compile(rf"^(?:{before})"),
        paired_verbs=frozenset(data["paired_verbs"]),
        predicate=re.compile(alternation(data["predicate_words"])),
        comparing_end=re.compile(
            rf"(?:均|分别|将|要)?(?:{alternation(data['comparing_verbs'])})+\s*$"
        ),
        opening=re.compile(rf"^\s*(?:{year}|{_LIST_MARK}|(?:{alternation(data['openers'])})\s*)"),
        count_measure_end=re.compile(rf"(?:{alternation(data['count_measures'])})$"),
        measure=re.compile(alternation([*data["measures"], *data["share_measures"]])),
        amount_measure=re.compile(rf"(?:{alternation(data['measures'])})$"),
        growth_end=re.compile(rf"(?:{alternation(data['growth_words'])})$"),
        rate_end=re.compile(alternation(data["rate_ends"])),
        subject_head=re.compile(
            rf"(?:{alternation(data['subject_heads'])})(?!{alternation(data['not_after_head'])})"
        ),
        jurisdiction=re.compile(rf"^(?:{alternation(data['jurisdictions'])})"),
        body_end=re.compile(rf"(?:{alternation(data['body_heads'])})$"),
        heading_verb=re.compile(rf"^(?:{alternation(data['heading_verbs'])})"),
        person_units=frozenset(data["person_units"]),
        state_verbs=frozenset(data["state_verbs"]),
        fostering_verbs=frozenset(data["fostering_verbs"]),
        predicate_opener=re.compile(
            rf"{alternation(data['predicate_openers'])}|(?:{alternation(data['predicate_ends'])})$"
        ),
    )


def strip_opening(head: str) -> str:
    """到2025年,力争实现产业规模 → 产业规模: the lead-in year, the openers and 每年 go."""
    words = naming_words()
    text = unwrapped(head).replace("每年", "").strip()  # recurrence is the kind, not the name
    while (found := words.opening.match(text)) and found.end():
        text = text[found.end() :].strip()
    return text


_CONJUNCTIONS = "、和及与"
SUBJECT_MIN = 4  # 产业, 种业, 制造业, 基地: a bare generic head is part of the metric


def amount_name(head: str, *, year_plan: bool = False) -> tuple[str, str | None]:
    """The metric and the sentence's subject of an amount or a share: the head is split after
    its last subject head (全市生物医药产业 | 规模; 规上企业 | 研发机构覆盖率), else before its
    measure (生物基材料 | 产值); a subject shorter than four characters stays in the metric
    (种业总产值, 总规模). 产业规模 is one term: a subject ending in 产业 lends it to 规模.
    Words between the measure and the verb go in a parenthesis (规模(在“十三五”末的基础上))."""
    words = naming_words()
    text = _drop_comparison(strip_opening(head))
    held = text.rfind("把")  # 目标是把本港的碳强度…降低65%: 把 puts what is measured first
    text = strip_opening(text[held + 1 :]) if held >= 0 and len(text) - held > 3 else text
    for comparing in ("实现", "达到"):  # 在…的基础上实现翻番: the verb inside the head
        text = text.removesuffix(comparing)
    share = _SHARE_OF.search(text)  # 增加值将占国内生产总值的4%: the share 增加值占国内生产总值比重
    if share is not None and share.start() > 0:
        text = f"{text[: share.start()]}占{share.group(1)}比重"
    # 规模以上工业增加值增长4.5% in a year's plan (``year_plan``): a growth rate is named whole
    # (rule book 11), its subject is the jurisdiction written before it or the context's; not
    # a 年均 rate of a sector, nor a rate's noun (增速)
    growing = words.growth_end.search(text) if year_plan else None
    growth_rate = growing is not None and not growing.group().endswith(_RATE_NOUNS)
    growth_rate = growth_rate and "年均" not in text
    if growth_rate:  # 固定资产投资力争增长10%: the modal is not part of the rate's name
        text = _MODAL_BEFORE_END.sub("", text)
    split = _jurisdiction_end(text) if growth_rate else _subject_end(text)
    subject, metric = (text[:split], text[split:]) if split else (None, text)
    metric = _MODAL_OPENING.sub("", metric) or metric  # 中医药产业 | 力争实现产值: the modal goes
    if subject is not None:
        subject, metric = _verbal_subject(subject, metric)
    measures = list(words.measure.finditer(metric)) or list(words.rate_end.finditer(metric))
    rate = words.rate_end.search(metric[-1:]) if metric else None
    if rate is not None:  # 规模养殖场粪污处理设施装备配套率: a name ending in 率 is the rate's own
        measures = []
    growth = words.growth_end.search(metric) is not None  # 收入增长: a rate named as a whole
    if measures and measures[-1].end() < len(metric) and not growth:
        last = measures[-1]
        metric = f"{metric[: last.end()]}({metric[last.end() :]})"
    if subject and subject.endswith("产业") and metric.startswith("规模"):
        metric = "产业" + metric
    return metric or text, subject


_SHARE_OF = re.compile(r"(?:将|要)?占([^占]{2,20}?)的?$(?<!比重)(?<!比例)(?<!份额)")


# places named with their kinds in brackets: 各县(市、区), 丘陵山区县(市、区), 各市(州)
_PLACES = re.compile(r"[^,，。;；()（）]{0,8}?[省市县区州][(（][市区县州、]{1,6}[)）]")


_MODAL_OPENING = re.compile(r"^(?:力争|争取|确保|预计|将)(?:实现|达到)?")
_RATE_NOUNS = ("增速", "增幅")  # 增加值增速达到8%: a rate's noun, split as an amount's measure
_MODAL_BEFORE_END = re.compile(r"(?:力争|争取|确保|预计|将|要)(?=[\u4e00-\u9fff]{2,4}$)")


_DONE = re.compile(r"(?:累计|年)?(?:完成|实现)")


def _verbal_subject(subject: str, metric: str) -> tuple[str | None, str]:
    """累计完成 | 投资 → 累计完成投资: words that are only a verb are not a subject, they name the
    measure; 推动北斗时空信息产业 → 北斗时空信息产业: a heading verb before the subject goes."""
    words = naming_words()
    verb = words.counting.fullmatch(subject) or _DONE.fullmatch(subject)
    if verb is not None:
        return None, subject + metric
    opening = words.heading_verb.match(subject)
    if opening is not None and len(subject) - opening.end() >= SUBJECT_MIN:
        return subject[opening.end() :], metric
    return subject, metric


def _jurisdiction_end(text: str) -> int:
    """全省 | 生产总值增长: where a leading jurisdiction ends, else 0."""
    scope = naming_words().jurisdiction.match(text)
    return scope.end() if scope is not None and scope.end() < len(text) else 0


def _subject_end(text: str) -> int:
    """Where an amount's subject ends: after its last subject head; else after a leading
    jurisdiction or places (全国 | 农作物耕种收综合机械化率, 丘陵山区县(市、区) | …: the rest names
    the rate itself); else before
    the measure of an amount that ends it (生物基材料 | 产值; not a share: 公办园在园幼儿占比);
    else 0, no subject."""
    words = naming_words()
    heads = [m.end() for m in words.subject_head.finditer(text) if m.end() < len(text)]
    # a head followed by 、/和 is one of coordinated nouns (设施农业、畜牧养殖…机械化率), not the
    # end of the subject
    heads = [end for end in heads if end >= SUBJECT_MIN and text[end] not in _CONJUNCTIONS]
    # 数字经济核心产业占全市的比重: a head right before 占 is the share's own numerator
    numerator = max((end for end in heads if text[end] == "占"), default=0)
    heads = [end for end in heads if end > numerator]
    if heads:
        return heads[-1]
    scope = words.jurisdiction.match(text) or _PLACES.match(text)
    if scope is not None and scope.end() < len(text):
        return scope.end()
    found = words.amount_measure.search(text)
    return found.start() if found is not None and found.start() >= SUBJECT_MIN else 0


_WRAP = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")


def unwrapped(text: str) -> str:
    """年产 值 → 年产值: a blank between two Chinese characters is a line break left by the text
    layer of a PDF, not a word boundary."""
    return _WRAP.sub("", text)


def measured_thing(text: str) -> str | None:
    """规上工业企业年产值同比增长超过 → 规上工业企业: the words before the first measure of an
    amount (a condition stated on the thing), without a trailing conjunction."""
    found = naming_words().measure.search(text)
    thing = text[: found.start()] if found is not None else text
    thing = re.sub(r"(?:并且|且|并|和|及)$", "", thing.strip())
    return thing if len(thing) >= 2 else None


def _drop_comparison(text: str) -> str:
    found = naming_words().comparing_end.search(text)
    return text[: found.start()].strip() if found else text


@dataclass(frozen=True, slots=True)
class Count:
    """A count item read from its head (and the noun after its number): 新增 | 国家级创新平台."""

    verb: str | None  # the counting verb written in the item, if any
    noun: str  # the counted noun phrase as written (may hold the qualifier)
    from_tail: bool  # the noun is the one after the number (the quote is extended over it)
    subject: str | None  # the scope written before the verb or the noun (全市, …领域)
    compared: bool  # a comparison (达到, 超过, 均…) states the level
    elided: bool  # no verb of its own: it is governed by the previous item's


def read_count(head: str, tail_noun: str) -> Count:
    """The parts of a count's head: ``[scope] [verb] [noun] [comparison] NUMBER [noun]``.
    The noun between the verb and the number wins; else the noun after the number."""
    words = naming_words()
    text = strip_opening(head)
    if text.startswith(("“", '"')) and not re.search('[”"]', text[1:]):
        text = text[1:]  # “重点引进和培养高层次人才1000名”: a quote opened around the item
    comparison = words.comparing_end.search(text)
    body = text[: comparison.start()] if comparison else text
    scope, rest = _split_scope(body)
    verb, noun, actor = _verb_and_noun(rest, tail_noun, compared=comparison is not None)
    scope = (scope + actor).strip()
    noun = noun.strip().removeprefix("由").removesuffix("的").strip()
    from_tail = not noun and bool(tail_noun)
    predicate = own_predicate(tail_noun) if from_tail else -1
    if predicate > 0:  # 3家企业在科创板上市: the noun's own predicate → 在科创板上市的企业
        noun = f"{tail_noun[predicate:]}的{tail_noun[:predicate]}"
    return Count(
        verb=verb,
        noun=noun if (noun and not from_tail) or predicate > 0 else tail_noun,
        from_tail=from_tail,
        subject=scope or None,
        compared=comparison is not None and bool(comparison.group().strip()),
        elided=verb is None and comparison is None and predicate <= 0,
    )


def _verb_and_noun(rest: str, tail_noun: str, *, compared: bool) -> tuple[str | None, str, str]:
    """The verb, the noun before the number and who acts, of a count's head after its scope.
    The verb opens the item (新增…3个) or stands right before the number (企业新增3家); a verb
    inside the noun phrase modifies it (在我市孵化毕业的企业), and before 达到 only a counting
    verb is one (新引进A和B均达到; but 入驻企业达到100家 counts 入驻企业) — unless it opens the
    item and the noun follows the number (选拔资助不少于200名人才)."""
    words = naming_words()
    verb = words.counting.match(rest) or words.counting_end.search(rest)
    opens = verb is not None and verb.start() == 0 and bool(tail_noun)
    if verb is not None and compared and not is_counting_verb(verb.group()) and not opens:
        verb = None
    if verb is not None and verb.start() == 0:
        return verb.group(), rest[verb.end() :], ""
    if verb is not None and tail_noun and not compared:
        # 市、区两级重点评选资助200名技能突出人才: the noun follows the number, so what stands
        # before the verb is who acts, the count's scope
        return verb.group(), "", rest[: verb.start()]
    if verb is not None:
        return verb.group(), rest[: verb.start()], ""
    if tail_noun and rest and not compared and not rest.endswith("的"):
        # 择优遴选50名…人才: a noun after the number is what is counted, so the head before
        # the number is the item's own verb, one the lists lack
        return rest.strip(), "", ""
    return None, rest, ""


_PREDICATE_AFTER = 2  # a noun has at least two characters before its own predicate


def own_predicate(noun: str) -> int:
    """Where a noun after a number turns into its own predicate (300名领军人才赴境外培训,
    2家企业在科创板上市: 赴…, 在…), or -1."""
    found = naming_words().predicate_opener.search(noun, _PREDICATE_AFTER)
    return found.start() if found is not None else -1


def _split_scope(text: str) -> tuple[str, str]:
    """全市生物经济领域创新型中小企业 → 全市生物经济领域 | 创新型中小企业: a jurisdiction word, and a
    domain up to its last 领域, lead a count's noun (not a 领域 inside a 的 phrase: 在我市孵化
    毕业的生物经济领域企业 is one noun)."""
    text = text.strip()
    if naming_words().counting.match(text):
        return "", text  # a scope never holds the verb (新获得生物制造领域发明专利…)
    domain = text.rfind("领域")
    if domain > 0 and domain + 2 < len(text) and "的" not in text[:domain]:
        return text[: domain + 2], text[domain + 2 :]
    found = naming_words().jurisdiction.match(text)
    if found is not None and found.end() < len(text):
        return text[: found.end()], text[found.end() :]
    return "", text


def _verb_parts(verb: str) -> list[str]:
    """累计新引进和培育 → [新引进, 培育]: the counting verbs a verb is written with (none if
    any part of it is not one: 引进扶持)."""
    words = naming_words()
    rest = words.verb_prefix.sub("", verb)
    parts = [m.group() for m in words.counting_verb.finditer(rest)]
    return parts if "".join(parts) == re.sub("[和及、并]", "", rest) else []


def _is_state_verb(verb: str) -> bool:
    """建成, 形成, 累计建成: the things exist, nothing is done to them."""
    words = naming_words()
    return words.verb_prefix.sub("", verb) in words.state_verbs


def is_counting_verb(verb: str) -> bool:
    """新增, 累计引进, 新引进培育: a verb of obtaining counted things (not 建成, 集聚 …)."""
    return bool(_verb_parts(verb))


def is_paired_verb(verb: str) -> bool:
    """引进培育, 新引进培育, 引进和培育 (bring in or grow): two verbs that together narrow a class
    to its newcomers."""
    return verb in naming_words().paired_verbs or len(_verb_parts(verb)) > 1


_ABBREVIATED = re.compile(r"[(（](?:以下)?简称([“\"「][^”\"」]+[”\"」]|[^)）]{2,10})[)）]")


def count_metric(
    noun: str, verb: str | None, *, narrowed: bool, unit: str, yearly: bool = False
) -> str:
    """上市企业总数 (the plan names the count); 平台 新增数 (a counting verb); 骨干企业 数量(引进培育)
    (``narrowed``: a paired verb, or a level stated with 达到/均…, that the verb narrows to the
    newcomers; not 新增, whose count is always 新增数); 人才 人数(引进) (people, a verb other than
    新…); 项目 数量(实施) (a verb of action); 每年遴选并支持的重点项目 数量 (``yearly``: a count
    that recurs keeps its verb in the noun, as plans word it); 人才 人数; else 企业 数量."""
    words = naming_words()
    short = _ABBREVIATED.search(noun)  # …食品相关产品新品种(以下简称“三新食品”) → “三新食品”
    noun = short.group(1) if short is not None else noun
    if words.count_measure_end.search(noun):
        return noun
    count = "人数" if unit in words.person_units else "数量"
    if yearly and verb is not None:
        return f"每年{verb}的{noun} {count}"  # 每年遴选并支持的重点项目 数量: what recurs
    if verb is not None and is_counting_verb(verb):
        bare = words.verb_prefix.sub("", verb)
        fostered = bare in words.fostering_verbs  # 培育5家硬核企业: a level of fostered firms
        if (narrowed or fostered) and bare != "新增":  # 新增…超500件: 新增数
            return f"{noun} 数量({verb})"
        if count == "人数" and not words.verb_prefix.sub("", verb).startswith("新"):
            return f"{noun} 人数({verb})"  # people brought in or trained: 人才 人数(引进)
        return f"{noun} {verb}数"
    if verb is not None and not _is_state_verb(verb):
        return f"{noun} {count}({verb})"  # 标准化试点示范项目 数量(实施)
    return f"{noun} {count}"


_BAND = re.compile(r"(?:超过|达到|过|超|达|在)(?=\d)")


def band_noun(qualifier: str) -> str:
    """年主营业务收入过100亿元 → 年主营业务收入: the measure a qualifier band is stated on."""
    found = _BAND.search(qualifier)
    return qualifier[: found.start()] if found is not None else ""


def bare_qualifier(qualifier: str) -> str:
    """引进培育年主营业务收入过100亿元 → 年主营业务收入过100亿元: a verb is not part of the band."""
    text = strip_opening(qualifier)
    verb = naming_words().counting.match(text)
    return text[verb.end() :] if verb is not None else text


_DURATION_REST = re.compile(r"(?:月|工作日|小时|周)")


def tail_noun(text: str) -> str:
    """The noun phrase right after a count's number and unit (…3—5个国家级创新平台,): up to the
    clause's end, without a leading 的 or a trailing conjunction; empty if it is not a noun."""
    text = text.removeprefix("的")
    if not text or not (is_cjk(text[0]) or text[0] in '“"') or _DURATION_REST.match(text):
        return ""  # 6个月的…: the rest of a duration (个月), not a counted noun
    text = re.sub(r"(?:以及|和|及|与|、|并|\s)+$", "", text)
    # 能够突破关键技术、发展高新技术产业、带动新兴学科的创新创业领军人才: a list of qualities
    # before the last 的 describes the noun, it does not name it
    modifier = text.rfind("的")
    if "、" in text[:modifier] and modifier + 2 < len(text):
        text = text[modifier + 1 :]
    return text


_TITLE = re.compile(r"《([^》]{4,60})》")
_TITLE_END = re.compile(r"(?:计划|方案|意见|规划|措施|纲要|政策)(?:[(（][^)）]*[)）])?$")
_REGION = re.compile(r"^([\u4e00-\u9fff]{2,6}?(?:自治州|省|市|区|县|州))")  # not “无废城市
_TITLE_VERBS = re.compile(r"^(?:关于|加快推进|加快发展|加快|推进|推动|促进|支持|进一步|大力发展)+")


# the industry runs to its first 产业/经济 (生物医药和生命健康产业) unless a verb of the title comes
# first (商业航天发展打造空间信息产业高地 → 商业航天), else to another 业 or 医药
@cache
def _industry() -> tuple[re.Pattern[str], ...]:
    stops = alternation(list(read_data_file("extract/naming.yaml")["title_stops"]))
    return (
        re.compile(rf"^((?:(?!{stops}).){{2,16}}?(?:产业|经济))"),
        re.compile(rf"^(.{{2,12}}?)(?:{stops})"),
        re.compile(rf"^((?:(?!{stops}).){{2,16}}?(?:业|医药))"),
    )


def document_subject(text: str) -> str:
    """The plan's own region and industry, worded as plans word them (全市生物经济, 全区生物制造
    产业), from the first title 《…》 near the top that starts with a region; else the
    jurisdiction of the title the text opens with (国务院关于…的指导意见 → 全国); else 全市."""
    for found in _TITLE.finditer(text[:800]):
        title = found.group(1).replace("\n", "")
        region = _REGION.match(title)
        if region is None or not _TITLE_END.search(title):
            continue
        scope = _scope(region.group(1))
        if scope not in text:  # the plan never says 全市: it names itself (上海高端医疗器械产业)
            scope = _short_name(region.group(1))
        rest = _TITLE_VERBS.sub("", title[region.end() :])
        industry = next((m for m in (p.match(rest) for p in _industry()) if m is not None), None)
        return scope + (industry.group(1) if industry is not None else "")
    return (
        _opening_jurisdiction(text)
        or _addressed_jurisdiction(text[:600])
        or written_jurisdiction(text)
        or "全市"
    )


@cache
def _jurisdiction_words() -> tuple[re.Pattern[str], dict[str, str]]:
    words: dict[str, str] = dict(read_data_file("extract/naming.yaml")["jurisdiction_words"])
    return re.compile(alternation(list(words))), words


@lru_cache(maxsize=8)
def written_jurisdiction(text: str) -> str | None:
    """The level the title line names as its issuer (2025年省《政府工作报告》… → 全省), else the
    self-reference the text writes most often (全省 and 我省 in a province's plan → 全省; 我县 →
    全县), or None when it writes none."""
    first_line = text.lstrip().split("\n", 1)[0]
    issuer = re.search(r"([省市区县州])《", first_line)
    levels = _naming_list("title_levels")
    if issuer is not None and issuer.group(1) in levels:
        return "全" + issuer.group(1)  # 2025年省《政府工作报告》…分工方案: the province's
    pattern, words = _jurisdiction_words()
    counts: dict[str, int] = {}
    for found in pattern.finditer(text):
        level = words[found.group()]
        counts[level] = counts.get(level, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda key: counts[key])  # the first written wins a tie


@cache
def _naming_list(name: str) -> tuple[str, ...]:
    """A word list of bioecon/data/extract/naming.yaml, read once."""
    return tuple(read_data_file("extract/naming.yaml")[name])


@lru_cache(maxsize=8)
def is_year_plan(text: str) -> bool:
    """2025年省《政府工作报告》重点工作分工方案: a text whose first lines name a year's plan."""
    words = _naming_list("year_plan_words")
    head = text[:300]
    return any(word in head for word in words)


def drop_back_reference(subject: str) -> str:
    """该市中医药产业 → 中医药产业: a news text's 该市 refers back to the place, it names nothing."""
    for word in _naming_list("back_references"):
        if subject.startswith(word) and len(subject) > len(word) + 1:
            return subject[len(word) :]
    return subject


def _short_name(region: str) -> str:
    """上海市 → 上海, 宁波市 → 宁波, 金山区 → 金山: a region as a plan names itself."""
    short = re.sub(r"(?:自治州|省|市|区|县|州)$", "", region)
    return short if len(short) >= 2 else region


_OPENING_TITLE = re.compile(
    r"\s*((?:[^\n]{2,60}\n){0,2}?[^\n]{2,60}?(?:通知|意见|计划|方案|规划|措施|纲要))\n"
)
_NATIONAL = re.compile(r"^(?:国务院|中共中央|全国人民代表大会)")


def _opening_jurisdiction(text: str) -> str | None:
    """国务院关于加快推进农业机械化…的指导意见 (the title in the text's first lines, without
    《》) → 全国; 南京市…行动计划 → 全市: the jurisdiction of the issuer or of the plan named."""
    found = _OPENING_TITLE.match(text[:300])
    if found is None:
        return None
    title = found.group(1).replace("\n", "")
    if _NATIONAL.match(title):
        return "全国"
    inner = re.sub(r"^.{0,20}?关于(?:印发|转发)?", "", title)
    region = _REGION.match(inner)
    return _scope(region.group(1)) if region is not None else None


_ADDRESSED = re.compile(r"国务院各部委|[省市县区州](?:人民)?政府各")


def _addressed_jurisdiction(text: str) -> str | None:
    """各市、州、县人民政府,省政府各部门: (a document addressed to the departments of a
    province's government is the province's) → 全省; 国务院各部委 → 全国."""
    found = _ADDRESSED.search(text)
    if found is None:
        return None
    return "全国" if found.group().startswith("国务院") else "全" + found.group()[0]


def _scope(region: str) -> str:
    """江城市 → 全市, 东山区 → 全区, 恩施土家族苗族自治州 → 全州: the region as plans name their own."""
    return "全" + ("州" if region.endswith("自治州") else region[-1])
