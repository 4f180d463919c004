"""`bioecon extract-eval`: precision, recall and F1 of the extractor against a gold annotation.

Targets: a prediction matches a gold row with the same year, value, value_high and
(normalised) unit whose span overlaps; each gold row is matched once. A prediction that
matches nothing but overlaps an *alternate* span is neither credited nor penalised.
Names: for each matched target, the character-bag F1 of the extracted and the gold ``metric``
(and ``subject``), averaged over the matched targets (docs/extraction.md says why a bag).
Task units: each gold statement is paired with the predicted task whose ``marker`` lies on the
line of the gold ``quote_start`` (the nearest, when several); (statement, unit) pairs are
compared in simplified script. Where gold rows carry ``lead``, the share of paired statements
whose lead units agree is reported too.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from bioecon.catalogs import unit_registry
from bioecon.extract.normalise import shadow
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
    lead: Overlap  # lead-unit agreement of the paired gold rows that carry ``lead``


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


def _line_of(lines: list[int], offset: int) -> int:
    return bisect_right(lines, offset) - 1


def _pair_tasks(
    predictions: list[ExtractedTask], gold: list[dict[str, Any]], text: str
) -> dict[int, int]:
    """Gold row index → predicted task index: the task whose marker lies on the line of the
    gold ``quote_start``, the nearest when there are several; each task is paired once."""
    lines = [0, *(i + 1 for i, c in enumerate(text) if c == "\n")]
    by_line: dict[int, list[int]] = {}
    for index, task in enumerate(predictions):
        by_line.setdefault(_line_of(lines, task.marker), []).append(index)
    paired: dict[int, int] = {}
    for row_index, row in enumerate(gold):
        start = row["quote_start"]
        free = [i for i in by_line.get(_line_of(lines, start), []) if i not in paired.values()]
        if free:
            paired[row_index] = min(free, key=lambda i: abs(predictions[i].marker - start))
    return paired


@dataclass(frozen=True, slots=True)
class UnitScore:
    score: Score
    errors: list[str]
    lead: Overlap  # rows whose gold names ``lead`` and whose lead the paired task agrees with


def _units(units: Iterable[str]) -> Counter[str]:
    """Units compared in simplified script (責任單位 ≡ 责任单位)."""
    return Counter(shadow(unit.strip()) for unit in units)


def score_units(
    predictions: list[ExtractedTask], gold: list[dict[str, Any]], text: str
) -> UnitScore:
    """(statement, unit) pairs of each gold statement and its paired task; an unpaired gold
    statement's units are false negatives, an unpaired task's false positives."""
    paired = _pair_tasks(predictions, gold, text)
    tp = fp = fn = 0
    errors: list[str] = []
    agree = rows = 0
    for row_index, row in enumerate(gold):
        wanted = _units(row["units"])
        task = predictions[paired[row_index]] if row_index in paired else None
        got = _units(task.units) if task is not None else Counter()
        tp += sum((wanted & got).values())
        fp += sum((got - wanted).values())
        fn += sum((wanted - got).values())
        at = row["quote_start"]
        errors += [f"FP unit @{at} {u}" for u in sorted((got - wanted).elements())]
        errors += [f"FN unit @{at} {u}" for u in sorted((wanted - got).elements())]
        if "lead" in row and task is not None:
            rows += 1
            agree += _units(row["lead"]) == _units(task.lead)
    for index, task in enumerate(predictions):
        if index not in paired.values():
            fp += len(task.units)
            errors.append(f"FP task @{task.marker} {task.heading[:30]}")
    return UnitScore(Score(tp, fp, fn), errors, Overlap(float(agree), rows))


def _by_doc(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        found.setdefault(row["doc"], []).append(row)
    return found


@dataclass(frozen=True, slots=True)
class Gold:
    """A gold annotation: target, task and alternate rows (any number of files of each)."""

    targets: list[dict[str, Any]]
    tasks: list[dict[str, Any]]
    alternates: list[dict[str, Any]]


def gold_of_set(directory: Path) -> Gold:
    """The ``*-targets.jsonl``, ``*-tasks.jsonl`` and ``*-alternates.jsonl`` of a folder."""

    def rows(kind: str) -> list[dict[str, Any]]:
        return [row for path in sorted(directory.glob(f"*-{kind}.jsonl")) for row in _jsonl(path)]

    return Gold(rows("targets"), rows("tasks"), rows("alternates"))


def gold_of_files(*, targets: Path, tasks: Path, alternates: Path | None) -> Gold:
    return Gold(_jsonl(targets), _jsonl(tasks), _jsonl(alternates))


def evaluate_documents(
    gold: Gold, documents: Path, *, every_text: bool = False
) -> list[DocumentScore]:
    """Scores of each document the gold names (and, with ``every_text``, of every ``*.txt``
    of the folder ``documents``, annotated or not)."""
    targets_by_doc, tasks_by_doc = _by_doc(gold.targets), _by_doc(gold.tasks)
    alternates_by_doc = {
        doc: [(row["start"], row["end"]) for row in rows]
        for doc, rows in _by_doc(gold.alternates).items()
    }
    names = set(targets_by_doc) | set(tasks_by_doc)
    if every_text:
        names |= {path.name for path in documents.glob("*.txt")}
    scores = []
    for name in sorted(names):
        text = read_document(documents / name)
        targets = score_targets(
            extract_targets(text), targets_by_doc.get(name, []), alternates_by_doc.get(name, [])
        )
        units = score_units(extract_tasks(text), tasks_by_doc.get(name, []), text)
        scores.append(
            DocumentScore(
                name,
                targets.score,
                units.score,
                targets.overlap("metric"),
                targets.overlap("subject"),
                targets.errors,
                units.errors,
                units.lead,
            )
        )
    return scores
