"""The word lists of the target rules (bioecon/data/extract/target_words.yaml, sources there)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from bioecon.catalogs import read_data_file
from bioecon.domain.model import TargetOp


@dataclass(frozen=True, slots=True)
class TargetWords:
    past: re.Pattern[str]
    past_sentence: re.Pattern[str]
    annual_rate: re.Pattern[str]
    funding: re.Pattern[str]
    award: re.Pattern[str]  # the funding words and 一事一议: what a rule grants
    year_predicates: tuple[str, ...]  # 初步, 基本 …: after an opening year, it is a deadline
    chinese_count_verbs: re.Pattern[str]  # anchored at the end of the text searched
    op_before: tuple[tuple[TargetOp, tuple[str, ...]], ...]
    op_after: tuple[tuple[str, TargetOp], ...]
    cap_words: tuple[str, ...]  # 最高, 不超过 …, 给予: an amount of support follows
    support_nouns: tuple[str, ...]  # 资金, 奖励, 经费 …: what an amount of support is of
    structure_verbs: tuple[str, ...]  # 提出, 列出, 以下 …: a count of the document's own parts
    structure_nouns: tuple[str, ...]  # 措施, 举措, 条款 …: the parts a document counts
    structure_parts: tuple[str, ...]  # 方面: a count right after a part of the document
    structure_noun_reach: int  # 24项督查激励措施: modifiers between the count and its noun
    issuing_verbs: tuple[str, ...]  # 出台, 印发 …: with 条, a count of the document's articles
    shortening_verbs: tuple[str, ...]  # 压缩至, 缩短至 …: a time limit the plan commits to
    multiples: dict[str, Decimal]  # 翻一番 → 2, 翻两番 → 4, 减半 → 0.5; longest word first


def _any(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in words))


@cache
def target_words() -> TargetWords:
    data = read_data_file("extract/target_words.yaml")
    verbs = "|".join(re.escape(w) for w in data["chinese_count_verbs"])
    # 引进近百家, 培育超过十家: a comparison may stand between the verb and the numeral
    comparisons = "|".join(re.escape(w) for ws in data["op_before"].values() for w in ws)
    return TargetWords(
        past=_any(data["past"]),
        past_sentence=_any(data["past_sentence"]),
        annual_rate=_any(data["annual_rate"]),
        funding=_any(data["funding"]),
        award=_any([*data["funding"], *data["award_words"]]),
        year_predicates=tuple(data["year_predicates"]),
        chinese_count_verbs=re.compile(rf"(?:{verbs})(?:{comparisons})?$"),
        op_before=tuple((TargetOp(op), tuple(ws)) for op, ws in data["op_before"].items()),
        op_after=tuple((word, TargetOp(op)) for word, op in data["op_after"]),
        cap_words=(*dict(data["op_before"])["<="], *data["grant_words"]),
        support_nouns=tuple(data["support_nouns"]),
        structure_verbs=tuple(data["structure_verbs"]),
        structure_nouns=tuple(data["structure_nouns"]),
        structure_parts=tuple(data["structure_parts"]),
        structure_noun_reach=int(data["structure_noun_reach"]),
        issuing_verbs=tuple(data["issuing_verbs"]),
        shortening_verbs=tuple(data["shortening_verbs"]),
        multiples={
            word: Decimal(str(times))
            for word, times in sorted(data["multiples"].items(), key=lambda wt: -len(wt[0]))
        },
    )
