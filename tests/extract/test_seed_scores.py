"""The extractor's scores on the five seed plans, reproducible from the repository: the gold
annotation is kept in tests/data/gold/ (a copy of the team's hand annotation, README there)."""

from __future__ import annotations

from functools import reduce
from pathlib import Path

from bioecon.catalogs import seed_texts
from bioecon.extract.evaluate import Score
from bioecon.services.extraction import score_extractor

GOLD = Path(__file__).parents[1] / "data" / "gold"
SEEDS = Path(__file__).parents[2] / "bioecon" / "data" / "seeds"


def test_the_seeds_score_one_for_targets_and_units() -> None:
    scores = score_extractor(
        gold_targets=GOLD / "seed-targets.jsonl",
        gold_tasks=GOLD / "seed-tasks.jsonl",
        alternates=GOLD / "seed-alternates.jsonl",
        documents=SEEDS,
    )
    assert sorted(s.document for s in scores) == sorted(seed_texts())
    targets = reduce(Score.__add__, (s.targets for s in scores))
    units = reduce(Score.__add__, (s.units for s in scores))
    # gold README: 53 targets + 2 funding rules; 63 task rows, whose units are scored one by one
    assert targets.true_positive == 55
    assert (targets.false_positive, targets.false_negative) == (0, 0)
    assert (units.false_positive, units.false_negative) == (0, 0)
    assert units.true_positive > 63
