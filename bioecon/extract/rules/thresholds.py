"""Whether an amount grades or selects the thing counted (a class threshold, an eligibility
condition: kept as the next target's qualifier) or is itself an amount of support."""

from __future__ import annotations

import re

from bioecon.extract.normalise import is_cjk
from bioecon.extract.rules.base import Example, Rule
from bioecon.extract.rules.reading import CLAUSE_END, ReadSite, spaced_prefix
from bioecon.extract.rules.words import target_words

_JOINERS = "和及与、或"  # 超过350亿元和200亿元: a list of amounts, not an amount and its noun
# words after 以上 that do not start the counted noun (规模 and 产值 measure the amount itself)
_FLOORS = ("及以上", "以上", "及以下", "以下")
# 30亿元企业10个: an amount, a firm class and a count of it
_NOUN_THEN_COUNT = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:企业|项目|集群|园区|基地)\s*\d")
_NOT_A_NOUN = ("的", "规模", "产值", "和", "及", "与", "或", "且", "至", "、")


def _clause_after(site: ReadSite) -> str:
    """The rest of the number's clause after it, blanks removed."""
    rest = site.view[site.match.end() : site.match.end() + 200]
    found = CLAUSE_END.search(rest)
    return re.sub(r"\s", "", rest[: found.start() if found else len(rest)])


def _support_amount(site: ReadSite) -> bool | None:
    """给予5000万元的一次性奖励, 最高500万元的开办经费, 设立总规模不低于1亿元的引导资金: the
    amount of support (or of a fund) before 的, not a class of recipients."""
    if not site.money:
        return None
    words = target_words()
    before = site.before.rstrip()
    capped = before.endswith(words.cap_words)
    noun = _clause_after(site).partition("的")[2]
    for grant in ("给予", *words.cap_words):  # 的担保业务给予补贴: the noun ends at the grant
        noun = noun.partition(grant)[0]
    return False if capped or (noun and noun.endswith(words.support_nouns)) else None


def _class_threshold(site: ReadSite) -> bool | None:
    """过100亿元的骨干企业, 销售收入过50亿元企业: an amount that grades a counted thing."""
    if not site.money:
        return None
    rest = site.view[site.match.end() :]
    floor = next((found for w in _FLOORS if (found := spaced_prefix(rest, w))), "")
    rest = rest[len(floor) :]
    if floor and rest[:1] and is_cjk(rest[0]) and not rest.startswith(_NOT_A_NOUN):
        return True  # 培育10亿元以上企业: a class of firms, without a count
    if floor and rest.startswith("、") and "的" in _clause_after(site):
        return True  # 单户担保金额500万元及以下、费率不超过1%的担保业务: one of its attributes
    if _NOUN_THEN_COUNT.match(rest):
        return True  # 突破50亿元的企业5个,30亿元企业10个以上: the band of a counted class
    if rest.startswith("的"):
        following = rest[1:2]
        graded = is_cjk(following) or following.isdigit() or following in '“"'
        return (bool(following) and graded) or None
    following = rest[:1]
    graded = site.before.endswith(("过", "超过", "超", "达", "达到", "在"))
    if graded and following == "、" and "的" in _clause_after(site):
        return True  # 培育年产值超100亿元、具备较强竞争力的龙头企业2家: one of its attributes
    named = bool(following) and is_cjk(following) and following not in _JOINERS
    return (graded and named and not rest.startswith(("规模", "产值"))) or None


def _condition(site: ReadSite) -> bool | None:
    """对…项目,固定资产投资1000万元及以上且亩均投资强度不低于200万元的,按…给予奖励: a clause
    ending in 的 before its comma states who qualifies, not a target."""
    return _clause_after(site).endswith("的") or None


_OPENS_WITH_DUI = re.compile(r"^\s*(?:\d+[.、]|[(（]\d+[)）])?\s*对(?!于)")


_SENTENCE_END = re.compile(r"[。;；!！?？\n]")


def _sentence_end(view: str, at: int) -> int:
    found = _SENTENCE_END.search(view, at)
    return found.start() if found else len(view)


def _award_condition(site: ReadSite) -> bool | None:
    """对一个行政村建设标准化民宿5家以上的每间奖励2000元; 营业面积在100平方米以上,经营满一年的
    一次性奖励1万元: the number states who a rule rewards — in a 对… clause before the award,
    or a floor or range in the clause before the one that grants — so it is not a target."""
    award = target_words().award
    view, start, end = site.view, site.match.start(), site.match.end()
    breaks = list(CLAUSE_END.finditer(view, max(0, start - 200), start))
    clause = breaks[-1].end() if breaks else max(0, start - 200)
    finish = _sentence_end(view, end)
    found = CLAUSE_END.search(view, end, finish)
    clause_end = found.start() if found else finish
    own_before, own_after = view[clause:start], view[end:clause_end]
    if award.search(own_before) or site.before.rstrip().endswith(("按", "最高", "的")):
        return None  # 对X按投资额的10%给予奖励: the number is the award
    floor = bool(site.match.group("high")) or own_after.lstrip().startswith(_FLOORS)
    if _OPENS_WITH_DUI.match(own_before):
        granted = award.search(view, end, finish)
        closed = floor or "的" in view[end : granted.start() if granted else end]
        return (granted is not None and closed) or None
    if not floor or award.search(own_after) or found is None or found.start() >= finish:
        return None
    following = CLAUSE_END.search(view, found.end(), finish)
    next_clause = view[found.end() : following.start() if following else finish]
    return bool(award.search(next_clause)) or None


THRESHOLDS: tuple[Rule[ReadSite, bool], ...] = (
    Rule(
        "support_amount",
        "资助金额 an amount of support or of a fund before 的 (最高500万元的经费): not a threshold",
        _support_amount,
        (
            Example("给予最高1000万元的一次性奖励。", "1000万元", "not a threshold"),
            Example("设立总规模不低于1亿元的产业引导资金。", "1亿元", "not a threshold"),
        ),
    ),
    Rule(
        "class_threshold",
        "门槛 a class threshold (过100亿元的骨干企业): names the counted thing, not a target",
        _class_threshold,
        (
            Example("到2025年,培育过100亿元的骨干企业2家。", "100亿元", "threshold"),
            Example("到2025年,培育2家销售收入过50亿元企业。", "50亿元", "threshold"),
            Example("培育年产值超100亿元、竞争力强的龙头企业2家。", "100亿元", "threshold"),
            Example("培育10亿元以上企业。", "10亿元", "threshold"),
            Example("重点支持单户担保金额500万元及以下的小微企业。", "500万元", "threshold"),
            Example(
                "对单户金额500万元及以下、费率不超过1%的业务给予补贴。", "500万元", "threshold"
            ),
            Example("培育突破50亿元的企业5个,30亿元企业10个以上。", "30亿元", "threshold"),
        ),
    ),
    Rule(
        "eligibility_condition",
        "适用条件 a condition clause ending in 的 (投资1000万元及以上的,): who qualifies, not a target",
        _condition,
        (
            Example("对投资1000万元及以上且强度不低于200万元的,给予奖励。", "200万元", "threshold"),
            Example("对面积在100亩以上至500亩的,给予奖励。", "500亩", "threshold"),
        ),
    ),
    Rule(
        "award_condition",
        "奖励条件 a 对… clause or a floor before the clause that grants (对…5家以上的每间奖励): "
        "who a rule rewards, not a target",
        _award_condition,
        (
            Example("对一个行政村建设标准化民宿5家以上的每间奖励2000元。", "5家", "threshold"),
            Example("对新发展100—500亩的花卉基地,一次性奖励100元/亩。", "100—500亩", "threshold"),
            Example(
                "营业面积在100平方米以上,经营满一年的一次性奖励1万元。", "100平方米", "threshold"
            ),
            Example("投资5000万元以上,实行“一事一议”。", "5000万元", "threshold"),
        ),
    ),
)


def threshold_outcome(is_threshold: bool) -> str:
    return "threshold" if is_threshold else "not a threshold"
