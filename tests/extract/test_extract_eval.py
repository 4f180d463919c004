"""`bioecon extract-eval --set DIR`: the seeds as a set (1.000), and a small set written by hand
(tests/data/extract-eval/) whose scores are worked out below."""

from __future__ import annotations

import json
import shutil
from functools import reduce
from pathlib import Path

import pytest

from bioecon.extract.evaluate import Score
from bioecon.services.extraction import score_set
from tests.test_cli import run

DATA = Path(__file__).parents[1] / "data"
SEEDS = Path(__file__).parents[2] / "bioecon" / "data" / "seeds"
SMALL = DATA / "extract-eval"


def seed_set(folder: Path) -> Path:
    """The seed texts and their gold files in one folder: an evaluation set."""
    for text in SEEDS.glob("*.txt"):
        shutil.copy(text, folder / text.name)
    for gold in (DATA / "gold").glob("seed-*.jsonl"):
        shutil.copy(gold, folder / gold.name)
    return folder


def test_the_seeds_as_a_set_score_one(tmp_path: Path) -> None:
    scores = score_set(directory=seed_set(tmp_path))
    assert len(scores) == 5
    targets = reduce(Score.__add__, (s.targets for s in scores))
    units = reduce(Score.__add__, (s.units for s in scores))
    assert (targets.true_positive, targets.false_positive, targets.false_negative) == (55, 0, 0)
    assert (units.f1, units.false_positive, units.false_negative) == (1.0, 0, 0)


def test_the_small_set_scores_as_worked_by_hand() -> None:
    e01, e02 = score_set(directory=SMALL)
    # e01 (traditional script): 3000億元, 3—5個, 10家以上 and 近百家 (op ~ 100: 百 after 近 is
    # a number, not a colloquial grade) are read and match: TP 4, P = R = F1 = 1.000
    assert (e01.targets.true_positive, e01.targets.false_positive) == (4, 0)
    assert e01.targets.false_negative == 0
    assert round(e01.targets.f1, 3) == 1.0
    # its (責任單位:…) is read (bioecon/extract/responsibility.py): both units TP, nothing else
    # predicted: P = R = F1 = 1.000
    assert (e01.units.true_positive, e01.units.false_negative) == (2, 0)
    assert (e01.units.precision, e01.units.f1) == (1.0, 1.0)
    # e02: 5个 and 200名 match (TP 2); 已举办活动12场 reports the past and is not a target
    assert (e02.targets.true_positive, e02.targets.false_positive) == (2, 0)
    assert e02.targets.false_negative == 0
    # e02 units: statement 1 (责任单位, 2 units) TP 2; statement 2 (…牵头, unlabelled) TP 2;
    # statement 3 TP 1; statement 4 (牵头单位:…,配合单位:…) TP 2. TP 7, FP 0, FN 0: F1 1.000
    assert (e02.units.true_positive, e02.units.false_positive, e02.units.false_negative) == (
        7,
        0,
        0,
    )
    assert round(e02.units.f1, 3) == 1.0
    # lead: rows 1, 3 (gold [], task ()) agree; row 2 (gold [市人社局], before 牵头) and row 4
    # (gold [市科技局], after 牵头单位) agree. 4 of 4 = 1.000
    assert (e02.lead.total, e02.lead.count) == (4.0, 4)
    # overall targets: TP 6, FP 0, FN 0: F1 = 1.000; units TP 9, FP 0, FN 0: F1 = 1.000
    targets, units = e01.targets + e02.targets, e01.units + e02.units
    assert (round(targets.f1, 3), round(units.f1, 3)) == (1.0, 1.0)
    assert (e01.metric + e02.metric).count == 6


def test_extract_eval_set_json_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract-eval", "--set", str(SMALL), "--format", "json", "--errors")
    assert code == 0
    rows = json.loads(out)
    assert [r["document"] for r in rows] == ["e01-traditional.txt", "e02-simplified.txt", "overall"]
    overall = rows[-1]
    assert overall["targets_counts"] == {"tp": 6, "fp": 0, "fn": 0}
    assert (overall["targets_f1"], overall["units_f1"]) == (1, 1.0)
    assert overall["lead_agreement"] == 1.0 and overall["lead_rows"] == 5
    assert any(line.startswith("NAME @37 e01-03") for line in rows[0]["errors"])
    code, out, _ = run(capsys, "extract-eval", "--set", str(SMALL))
    assert code == 0 and "lead =" in out and "1.000" in out


def test_extract_eval_needs_a_set_or_gold_files(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, error = run(capsys, "extract-eval", "--docs", str(SMALL))
    assert code == 3 and "give --set DIR" in error
