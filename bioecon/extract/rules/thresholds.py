"""Whether an amount grades or selects the thing counted (a class threshold, an eligibility
condition: kept as the next target's qualifier) or is itself an amount of support."""

from __future__ import annotations

import re

from bioecon.extract.normalise import is_cjk
from bioecon.extract.rules.base import Example, Rule
from bioecon.extract.rules.reading import CLAUSE_END, ReadSite
from bioecon.extract.rules.words import target_words

_JOINERS = "和及与、或"  # 超过350亿元和200亿元: a list of amounts, not an amount and its noun
# words after 以上 that do not start the counted noun (规模 and 产值 measure the amount itself)
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
    return False if capped or (noun and noun.endswith(words.support_nouns)) else None


def _class_threshold(site: ReadSite) -> bool | None:
    """过100亿元的骨干企业, 销售收入过50亿元企业: an amount that grades a counted thing."""
    if not site.money:
        return None
    rest = site.view[site.match.end() :]
    floor = next((w for w in ("及以上", "以上", "以下") if rest.startswith(w)), "")
    rest = rest[len(floor) :]
    if floor and rest[:1] and is_cjk(rest[0]) and not rest.startswith(_NOT_A_NOUN):
        return True  # 培育10亿元以上企业: a class of firms, without a count
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
)


def threshold_outcome(is_threshold: bool) -> str:
    return "threshold" if is_threshold else "not a threshold"
