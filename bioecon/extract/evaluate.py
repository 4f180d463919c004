"""`bioecon extract-eval`: precision, recall and F1 of the extractor against a gold annotation.

Targets: a prediction matches a gold row with the same year, value, value_high and
(normalised) unit whose span overlaps; each gold row is matched once. A prediction that
matches nothing but overlaps an *alternate* span is neither credited nor penalised.
Names: for each matched target, the character-bag F1 of the extracted and the gold ``metric``
(and ``subject``), averaged over the matched targets (docs/extraction.md says why a bag).
Task units: each gold 责任单位 marker is given the predicted task with the greatest start not
after it; (marker, unit) pairs are compared.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from bioecon.catalogs import unit_registry
from bioecon.extract.reader import read_document
from bioecon.extract.rules.reading import unit_as_read
from bioecon.extract.targets import ExtractedTarget, extract_targets
from bioecon.extract.tasks import ExtractedTask, extract_tasks


@dataclass(frozen=True, slots=True)
class Score:
    true_positive: int
    false_positive: int
    false_negative: int

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_positive + other.true_positive,
            self.false_positive + other.false_positive,
            self.false_negative + other.false_negative,
        )


def name_overlap(extracted: str, gold: str) -> float:
    """The character-bag F1 of two names: 2·|common characters| / (|a| + |b|), blanks ignored.
    A bag, not a sequence: 上市企业 数量(新引进) and 上市企业 新引进数 name the same count with
    its parts in another order, and the order of the parts is a convention, not the name."""
    a, b = Counter(extracted.replace(" ", "")), Counter(gold.replace(" ", ""))
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 1.0


@dataclass(frozen=True, slots=True)
class Overlap:
    """The sum and count of name overlaps of matched targets (addable across documents)."""

    total: float
    count: int

    @property
    def mean(self) -> float:
        return self.total / self.count if self.count else 1.0

    def __add__(self, other: Overlap) -> Overlap:
        return Overlap(self.total + other.total, self.count + other.count)


@dataclass(frozen=True, slots=True)
class DocumentScore:
    document: str
    targets: Score
    units: Score
    metric: Overlap
    subject: Overlap
    target_errors: list[str]
    unit_errors: list[str]


def _jsonl(path: Path | None) -> list[dict[str, Any]]:
    if path is None:
        return []
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def _unit(unit: str) -> str:
    """The registry's symbol (個 → 个, ％ → %), a bare 亿 read as 亿元, as the extractor does."""
    unit, units = unit_as_read(unit), unit_registry()
    return units.canonical(unit) if unit in units else unit


def _same(prediction: ExtractedTarget, gold: dict[str, Any]) -> bool:
    high = gold.get("value_high")
    return (
        prediction.year == gold.get("year")
        and prediction.value == Decimal(str(gold["value"]))
        and prediction.value_high == (Decimal(str(high)) if high is not None else None)
        and _unit(prediction.unit) == _unit(gold["unit"])
        and prediction.start < gold["start"] + len(gold["quote"])
        and gold["start"] < prediction.end
    )


@dataclass(frozen=True, slots=True)
class TargetScore:
    score: Score
    errors: list[str]
    matched: list[tuple[ExtractedTarget, dict[str, Any]]]

    def overlap(self, field: str) -> Overlap:
        """The name overlap of ``field`` (``metric`` or ``subject``) over the matched pairs whose
        gold row names it."""
        values = [
            name_overlap(getattr(p, field), g[field]) for p, g in self.matched if g.get(field)
        ]
        return Overlap(sum(values), len(values))


def score_targets(
    predictions: list[ExtractedTarget],
    gold: list[dict[str, Any]],
    alternates: Iterable[tuple[int, int]],
) -> TargetScore:
    unmatched = list(gold)
    fp = 0
    errors: list[str] = []
    matched: list[tuple[ExtractedTarget, dict[str, Any]]] = []
    spans = list(alternates)
    for prediction in predictions:
        match = next((g for g in unmatched if _same(prediction, g)), None)
        if match is not None:
            unmatched.remove(match)
            matched.append((prediction, match))
        elif any(prediction.start < end and start < prediction.end for start, end in spans):
            continue
        else:
            fp += 1
            errors.append(
                f"FP @{prediction.start} {prediction.year} {prediction.op} {prediction.value}"
                f"{'—' + str(prediction.value_high) if prediction.value_high else ''} {prediction.unit} «{prediction.quote}»"
            )
    errors += [
        f"FN @{g['start']} {g['id']} {g.get('year')} {g['op']} {g['value']} {g['unit']} «{g['quote']}»"
        for g in unmatched
    ]
    errors += [
        f"NAME @{g['start']} {g['id']} {field} «{getattr(p, field)}» gold «{g[field]}»"
        for p, g in matched
        for field in ("metric", "subject")
        if g.get(field) and getattr(p, field) != g[field]
    ]
    return TargetScore(Score(len(matched), fp, len(unmatched)), errors, matched)


def score_units(
    predictions: list[ExtractedTask], gold: list[dict[str, Any]]
) -> tuple[Score, list[str]]:
    predicted_pairs: set[tuple[int, str]] = set()
    gold_pairs: set[tuple[int, str]] = set()
    for row in gold:
        marker = row["quote_start"]
        gold_pairs |= {(marker, unit) for unit in row["units"]}
        candidates = [t for t in predictions if t.start <= marker]
        if candidates:
            task = max(candidates, key=lambda t: t.start)
            predicted_pairs |= {(marker, unit) for unit in task.units}
    # predicted tasks with no gold marker count their units as false positives
    covered: set[int] = set()
    for row in gold:
        before = [i for i, t in enumerate(predictions) if t.start <= row["quote_start"]]
        if before:
            covered.add(max(before, key=lambda i: predictions[i].start))
    extra = [t for i, t in enumerate(predictions) if i not in covered]
    tp = len(predicted_pairs & gold_pairs)
    fp = len(predicted_pairs - gold_pairs) + sum(len(t.units) for t in extra)
    fn = len(gold_pairs - predicted_pairs)
    errors = [f"FP unit @{m} {u}" for m, u in sorted(predicted_pairs - gold_pairs)]
    errors += [f"FN unit @{m} {u}" for m, u in sorted(gold_pairs - predicted_pairs)]
    errors += [f"FP task @{t.start} {t.heading[:30]}" for t in extra]
    return Score(tp, fp, fn), errors


def evaluate_documents(
    *, gold_targets: Path, gold_tasks: Path, alternates: Path | None, documents: Path
) -> list[DocumentScore]:
    targets_by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in _jsonl(gold_targets):
        targets_by_doc.setdefault(row["doc"], []).append(row)
    tasks_by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in _jsonl(gold_tasks):
        tasks_by_doc.setdefault(row["doc"], []).append(row)
    alternates_by_doc: dict[str, list[tuple[int, int]]] = {}
    for row in _jsonl(alternates):
        alternates_by_doc.setdefault(row["doc"], []).append((row["start"], row["end"]))
    scores = []
    for name in sorted(set(targets_by_doc) | set(tasks_by_doc)):
        text = read_document(documents / name)
        targets = score_targets(
            extract_targets(text), targets_by_doc.get(name, []), alternates_by_doc.get(name, [])
        )
        unit_score, unit_errors = score_units(extract_tasks(text), tasks_by_doc.get(name, []))
        scores.append(
            DocumentScore(
                name,
                targets.score,
                unit_score,
                targets.overlap("metric"),
                targets.overlap("subject"),
                targets.errors,
                unit_errors,
            )
        )
    return scores
