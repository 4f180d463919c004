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
    funding: re.Pattern[str]
    chinese_count_verbs: re.Pattern[str]  # anchored at the end of the text searched
    op_before: tuple[tuple[TargetOp, tuple[str, ...]], ...]
    op_after: tuple[tuple[str, TargetOp], ...]
    multiples: dict[str, Decimal]  # 翻一番 → 2, 翻两番 → 4, 减半 → 0.5; longest word first


def _any(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in words))


@cache
def target_words() -> TargetWords:
    data = read_data_file("extract/target_words.yaml")
    verbs = "|".join(re.escape(w) for w in data["chinese_count_verbs"])
    return TargetWords(
        past=_any(data["past"]),
        past_sentence=_any(data["past_sentence"]),
        funding=_any(data["funding"]),
        chinese_count_verbs=re.compile(rf"(?:{verbs})$"),
        op_before=tuple((TargetOp(op), tuple(ws)) for op, ws in data["op_before"].items()),
        op_after=tuple((word, TargetOp(op)) for word, op in data["op_after"]),
        multiples={
            word: Decimal(str(times))
            for word, times in sorted(data["multiples"].items(), key=lambda wt: -len(wt[0]))
        },
    )
