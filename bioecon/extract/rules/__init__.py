"""The target extractor's rules as named objects, in ordered registries per stage
(docs/extraction.md, "Rules"): candidate reading (reading.py: take, reject, class threshold,
op) and the sentence (sentence.py: past, funding cap, deadline year, 均 splitting)."""

from __future__ import annotations

from typing import Any

from bioecon.extract.rules import candidate, reading, sentence, thresholds
from bioecon.extract.rules.base import Rule


def all_rules() -> list[Rule[Any, Any]]:
    """Every rule of every stage, stage by stage, each in the order it is tried."""
    return [
        reading.DOUBLING,
        *candidate.REJECTIONS,
        *thresholds.THRESHOLDS,
        reading.AMOUNT,
        *reading.op_rules(),
        *sentence.REJECTIONS,
        sentence.FUNDING_CAP,
        *sentence.YEARS,
        *sentence.SPLITS,
    ]
