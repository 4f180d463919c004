"""The names of a funding rule (给予…奖励, 按…的N%给予补助, 最高…万元): what is given, in the
plan's words (奖励金额, 资助比例(占省级项目资金), 经费支持上限), and to whom (the 对… clause, else
what the governing heading supports). Rules and reasons: docs/extraction.md, "Names"; the
words: bioecon/data/extract/naming.yaml (``support_words``, ``giving_verbs``).

Like bioecon/extract/names.py, this reads the shadow of the text (simplified script).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bioecon.catalogs import read_data_file
from bioecon.extract.coordination import coordinated, distributed_place
from bioecon.extract.names import alternation, measured_thing, own_predicate, unwrapped
from bioecon.extract.subjects import heading_object


@dataclass(frozen=True, slots=True)
class _Words:
    support: re.Pattern[str]  # 奖励, 资助, 经费支持 …: what a plan gives
    giving: re.Pattern[str]  # 给予, 奖励企业, 资助 …: the verb that gives it
    base: re.Pattern[str]  # 按照, 给予企业, 不超过 …: the words before what a share is of
    award_tail: re.Pattern[str]  # (的)(一次性)奖励 after the amount
    introduce: re.Pattern[str]  # 引育, 支持, 创建 …: a verb that introduces what is funded


@cache
def _words() -> _Words:
    data = read_data_file("extract/naming.yaml")
    support = alternation(data["support_words"])
    giving = alternation(data["giving_verbs"])
    return _Words(
        support=re.compile(support),
        giving=re.compile(giving),
        base=re.compile(
            rf"(?:按照|按|参照|依照|{giving}|不超过|不低于|不高于|规定|分阶段)+(?:其)?"
        ),
        award_tail=re.compile(rf"^\s*(?:的)?\s*(?:{support})"),
        introduce=re.compile(rf"^\s*(?:{alternation(data['introducing_verbs'])})"),
    )


def is_award(head: str, after: str) -> bool:
    """给予企业30万元奖励, 单品种奖励企业200万元, 每项给予100万元资助: an amount the plan gives
    (a giving verb right before it, a support word right after it, or a giving verb later in
    its clause: 参照其年度地方财政贡献的70%、80%和90%给予企业奖励)."""
    words = _words()
    clause = re.split(r"[,，;；。]", after, maxsplit=1)[0]
    return bool(
        words.giving.search(head)
        or words.award_tail.match(after)
        or words.giving.search(clause)
        or words.support.search(clause)
    )


@dataclass(frozen=True, slots=True)
class FundingText:
    """Where a funding rule's number stands: the item before it (``head``), the rest of its
    sentence after it (``after``), its sentence up to the number (``before``) and the title of
    the heading that governs it (``heading``, "" if none)."""

    head: str
    after: str
    before: str
    heading: str


def funding_name(text: FundingText, *, capped: bool, share: bool) -> tuple[str, str | None]:
    """The metric and the beneficiary of a funding rule: ``<support>上限`` for a cap (最高,
    不超过 …), ``<support>比例(占<base>)`` for a share (按照研发投入的15%), else ``<support>金额``;
    the words before the giving verb (当年, 单品种, 前2年) are kept in the parenthesis."""
    words = _words()
    # an item of a series (70%、80%和90%; 100万元、50万元和30万元) shares its clause's words
    series = unwrapped(re.split(r"[,，;；。]", text.before)[-1])
    head = unwrapped(text.head) if words.giving.search(text.head) else series
    clause = re.split(r"[,，;；]", text.after, maxsplit=1)[0]
    places = (clause, head, text.after, text.before)  # nearest first
    support = next((m for m in map(words.support.search, places) if m is not None), None)
    word = support.group() if support is not None else "支持"
    if not word.startswith("一次性") and "一次性" in series + clause:
        word = "一次性" + word  # 一次性分别给予20万元、50万元奖励: a one-off award
    notes = [note] if (note := _time_or_unit(head)) else []
    if capped or "最高" in series:  # 分别给予最高100万元、200万元: each is a cap
        metric = f"{word}上限"
    elif share:
        metric = f"{word}比例"
        notes += [f"占{base}"] if (base := _base(text.head) or _base(series)) else []
    else:
        metric = f"{word}金额"
    metric += f"({','.join(notes)})" if notes else ""
    given = beneficiary(text.before)
    place = distributed_place(text.before, text.after)
    if given is not None and place is not None:  # 对国家级和省级中心,分别给予100万元和30万元
        given = coordinated(given, place[1])[place[0]]
    return metric, given or _supported_by_heading(text.heading)


def _supported_by_heading(heading: str) -> str | None:
    """(一)加强应用性基础研究 → 应用性基础研究; not (二)绩效奖励, which names the rule, nor
    (五)鼓励企业做大做强, which names an aim."""
    found = heading_object(heading)
    if found is None or _words().support.search(found) or _AIM.search(found):
        return None
    return found


_AIM = re.compile(r"做大做强|做优做强|升级|提升|发展$")


def _base(head: str) -> str | None:
    """按照规定给予不超过总投入 → 总投入; 参照其年度地方财政贡献的 → 年度地方财政贡献: what a
    share is of, after the last of the words that introduce it."""
    marks = list(_words().base.finditer(head.strip()))
    base = head.strip()[marks[-1].end() :] if marks else ""
    base = re.split(r"\d", base, maxsplit=1)[0].strip()  # …贡献的70%、: up to the series
    return base.removesuffix("的") or None


_NOTE_DROPPED = re.compile(r"分别|并|可|再|另|一次性|对企业|企业|按照规定|按规定|分阶段|给予|最高")


def _time_or_unit(head: str) -> str | None:
    """当年分别给予企业 → 当年; 单品种奖励企业 → 单品种; 前2年给予企业 → 前2年: the words
    before the giving verb that say when or per what the rule gives."""
    words = _words()
    head = re.split(r"[(（,，]", head)[-1]  # 奖励(第一年奖励: the item's own words
    verb = words.giving.search(head)
    if verb is None:
        return None
    note = _NOTE_DROPPED.sub("", head[: verb.start()]).strip(" ,，")
    return note if 1 < len(note) <= 6 and "对" not in note and "按" not in note else None


# 对… after a clause break, or after an article's number (第 4 条 对重点产业新建项目,)
_BENEFICIARY = re.compile(
    r"(?:^|[,，;；。:：]|条)\s*对([^,，。;；]{2,60}?)(?:的)?\s*(?=[,，]|给予|按)"
)
_RECIPIENT = re.compile(r"(?:给予|奖励)(企业|单位)")  # who the giving verb names
_NAMED = re.compile(r"(?:企业|单位|中心|项目|品种|产品|机构|平台|基地|团队)$")
_REMARK = re.compile(r"[(（](?:不含|含|包括|除|其中)[^)）]*[)）]")  # (不含采矿、…): a remark
# a number that states a condition, not one that names a grade or class (国家3A级, 2星级, 1类
# 创新药, Ⅲ期 are the recipient's own name)
_CONDITION = re.compile(r"\d+(?:\.\d+)?(?![\dA-Za-z.]|星|级|类|期)")
_MIN_NAME = 4  # a 在 after at least this many characters of the name starts a condition


def beneficiary(before: str) -> str | None:
    """对新认定的国家级创新平台,… → 新认定的国家级创新平台; 对初次认定为国家高新技术企业的,…
    → 初次认定为国家高新技术企业: the last 对… clause before the number names who is given,
    without a remark in brackets and a condition with a number (对规上工业企业年产值同比增长超过
    1000万元的 → 规上工业企业; 对年度纳税额超过500万元的生产加工型企业 → 生产加工型企业)."""
    cleaned = _REMARK.sub("", unwrapped(before))
    found = list(_BENEFICIARY.finditer(cleaned))
    if not found:
        return _before_giving(cleaned)
    text = found[-1].group(1).strip()
    located = text.find("在", _MIN_NAME)  # 中药大品种二次开发项目在县域内投产后: a condition
    text = text[:located] if located > 0 else text
    condition = _CONDITION.search(text)
    if condition is None:
        recipient = _RECIPIENT.search(cleaned[found[-1].end() :])
        if found[-1].group().rstrip().endswith("的") and recipient and not _NAMED.search(text):
            return f"{text}的{recipient.group(1)}"  # 对获得中国质量奖的,给予企业 → …的企业
        return text
    described = text.rfind("的")
    if described > condition.start():
        return text[described + 1 :] or None  # the condition describes the noun after it
    return measured_thing(text[: condition.start()])


def _before_giving(before: str) -> str | None:
    """Without 对, the clause right before the giving clause names who is given: its verb's
    object if a verb introduces it (引育智能终端产品…等重点项目,按照规定给予…), the clause
    without its 的 if it ends in one (…中小企业的,分别给予…), or the clause itself if it opens
    the sentence (新列入国家级和省级“专精特新”中小企业,分别给予…)."""
    clauses = re.split(r"[,，;；。]", before)
    if len(clauses) < 2:
        return None
    clause = clauses[-2].strip()
    introduced = [c.strip() for c in clauses[-2::-1] if _words().introduce.match(c.strip())]
    if introduced:  # the nearest clause introduced by a verb, in this sentence
        verb = _words().introduce.match(introduced[0])
        clause = introduced[0][verb.end() :] if verb is not None else introduced[0]
        predicate = own_predicate(clause)  # 企业在…领域加大投入 → 在…领域加大投入的企业
        clause = f"{clause[predicate:]}的{clause[:predicate]}" if predicate > 0 else clause
    elif clause.endswith("的"):
        clause = clause[:-1]
    elif len(clauses) > 2:
        return None
    return clause if 2 <= len(clause) <= 40 and not re.search(r"\d", clause) else None
