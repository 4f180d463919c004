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
from bioecon.extract.names import heading_object


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class _Words:
    support: re.Pattern[str]  # 奖励, 资助, 经费支持 …: what a plan gives
    giving: re.Pattern[str]  # 给予, 奖励企业, 资助 …: the verb that gives it
    base: re.Pattern[str]  # 按照, 给予企业, 不超过 …: the words before what a share is of
    award_tail: re.Pattern[str]  # (的)(一次性)奖励 after the amount


@cache
def _words() -> _Words:
    data = read_data_file("extract/naming.yaml")
    support = _alternation(data["support_words"])
    giving = _alternation(data["giving_verbs"])
    return _Words(
        support=re.compile(support),
        giving=re.compile(giving),
        base=re.compile(
            rf"(?:按照|按|参照|依照|{giving}|不超过|不低于|不高于|规定|分阶段)+(?:其)?"
        ),
        award_tail=re.compile(rf"^\s*(?:的)?\s*(?:{support})"),
    )


def is_award(head: str, after: str) -> bool:
    """给予企业30万元奖励, 单品种奖励企业200万元, 每项给予100万元资助: an amount the plan gives
    (a giving verb right before it, or a support word right after it)."""
    words = _words()
    return bool(words.giving.search(head[-8:]) or words.award_tail.match(after))


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
    clause = re.split(r"[,，;；]", text.after, maxsplit=1)[0]
    places = (clause, text.head, text.after, text.before)  # nearest first
    support = next((m for m in map(words.support.search, places) if m is not None), None)
    word = support.group() if support is not None else "支持"
    notes = [note] if (note := _time_or_unit(text.head)) else []
    if capped:
        metric = f"{word}上限"
    elif share:
        metric = f"{word}比例"
        notes += [f"占{base}"] if (base := _base(text.head)) else []
    else:
        metric = f"{word}金额"
    metric += f"({','.join(notes)})" if notes else ""
    return metric, beneficiary(text.before) or heading_object(text.heading)


def _base(head: str) -> str | None:
    """按照规定给予不超过总投入 → 总投入; 参照其年度地方财政贡献的 → 年度地方财政贡献: what a
    share is of, after the last of the words that introduce it."""
    marks = list(_words().base.finditer(head.strip()))
    base = head.strip()[marks[-1].end() :].removesuffix("的") if marks else ""
    return base or None


_NOTE_DROPPED = re.compile(r"分别|并|可|再|另|一次性|对企业|企业|按照规定|按规定|分阶段|给予|最高")


def _time_or_unit(head: str) -> str | None:
    """当年分别给予企业 → 当年; 单品种奖励企业 → 单品种; 前2年给予企业 → 前2年: the words
    before the giving verb that say when or per what the rule gives."""
    words = _words()
    verb = words.giving.search(head)
    if verb is None:
        return None
    note = _NOTE_DROPPED.sub("", head[: verb.start()]).strip(" ,，")
    return note if 1 < len(note) <= 6 and "对" not in note and "按" not in note else None


_BENEFICIARY = re.compile(
    r"(?:^|[,，;；。:：])\s*对([^,，。;；]{2,40}?)(?:的)?\s*(?=[,，]|给予|按)"
)


def beneficiary(before: str) -> str | None:
    """对新认定的国家级创新平台,… → 新认定的国家级创新平台; 对初次认定为国家高新技术企业的,…
    → 初次认定为国家高新技术企业: the last 对… clause before the number names who is given."""
    found = list(_BENEFICIARY.finditer(before))
    return found[-1].group(1).strip() if found else None
