"""What the extractor read from a plan's text, as records and tables (`bioecon extract`,
`bioecon extract-eval`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import reduce

from bioecon.extract.evaluate import DocumentScore, Overlap, Score
from bioecon.extract.explain import ExplainedNumber
from bioecon.extract.targets import ExtractedTarget
from bioecon.extract.tasks import ExtractedTask
from bioecon.io.output import Amount, Column, Field, Record

EXTRACTED_TARGET: Record[ExtractedTarget] = Record(
    "ExtractedTarget",
    (
        Field("kind", str, lambda t: t.record_kind, description="target or policy_rule"),
        Field("year", int | None),
        Field("subject", str),
        Field("metric", str),
        Field("qualifier", str | None),
        Field("op", str),
        Field("value", Amount),
        Field("value_high", Amount | None),
        Field("unit", str),
        Field("quote", str),
        Field("start", int, description="offset of the quote in the text"),
        Field("end", int),
        Field("base_value", Amount | None, description="基期值 (a 主要指标 table's base column)"),
        Field("base_year", int | None),
        Field(
            "nature",
            str | None,
            lambda t: t.nature.value if t.nature else None,
            description="属性: 预期性 or 约束性, where the plan states it",
        ),
    ),
    (
        Column("kind", lambda t: t.record_kind),
        Column("year", lambda t: t.year),
        Column("op", lambda t: t.op),
        Column("value", lambda t: t.value),
        Column("high", lambda t: t.value_high),
        Column("unit", lambda t: t.unit),
        Column("quote", lambda t: t.quote[-40:]),
        Column("start", lambda t: t.start),
    ),
)

EXTRACTED_TASK: Record[ExtractedTask] = Record(
    "ExtractedTask",
    (
        Field("kind", str, lambda _: "task"),
        Field("section", str),
        Field("heading", str),
        Field("units", list[str], description="responsible units (责任单位)"),
        Field("start", int, description="offset of the paragraph in the text"),
        Field("marker", int, description="offset of the label word, else of the first unit"),
        Field("lead", list[str], lambda k: list(k.lead), description="units marked as leading"),
        Field("style", str, description="how the plan writes responsibility (docs/extraction.md)"),
    ),
    (
        Column("start", lambda k: k.start),
        Column("heading", lambda k: k.heading[:40]),
        Column("units", lambda k: "、".join(k.units)),
    ),
)


def _prf(score: Score) -> list[Decimal]:
    return [Decimal(f"{value:.3f}") for value in (score.precision, score.recall, score.f1)]


def _mean(overlap: Overlap) -> Decimal | None:
    return Decimal(f"{overlap.mean:.3f}") if overlap.count else None


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One line of `extract-eval`: a document, or ``overall`` (the sums of all documents)."""

    document: str
    targets: Score
    units: Score
    metric: Overlap
    subject: Overlap
    lead: Overlap


def score_rows(scores: Sequence[DocumentScore]) -> list[ScoreRow]:
    """A row per document, then the overall row."""
    rows = [ScoreRow(s.document, s.targets, s.units, s.metric, s.subject, s.lead) for s in scores]
    if rows:
        overall = reduce(
            lambda a, b: ScoreRow(
                "overall",
                a.targets + b.targets,
                a.units + b.units,
                a.metric + b.metric,
                a.subject + b.subject,
                a.lead + b.lead,
            ),
            rows,
        )
        rows.append(replace(overall, document="overall"))
    return rows


def _score_fields(name: str, get: Callable[[ScoreRow], Score]) -> tuple[Field[ScoreRow], ...]:
    return (
        Field(f"{name}_precision", Amount, _cell(get, 0)),
        Field(f"{name}_recall", Amount, _cell(get, 1)),
        Field(f"{name}_f1", Amount, _cell(get, 2)),
        Field(f"{name}_counts", dict[str, int], lambda r: _counts(get(r))),
    )


def _cell(get: Callable[[ScoreRow], Score], index: int) -> Callable[[ScoreRow], Decimal]:
    return lambda row: _prf(get(row))[index]


def _score_columns(name: str, get: Callable[[ScoreRow], Score]) -> tuple[Column[ScoreRow], ...]:
    return tuple(Column(h, _cell(get, i)) for i, h in enumerate((f"{name} P", "R", "F1")))


def _counts(score: Score) -> dict[str, int]:
    return {"tp": score.true_positive, "fp": score.false_positive, "fn": score.false_negative}


SCORE_ROW: Record[ScoreRow] = Record(
    "ExtractScore",
    (
        Field("document", str, description="a document of the set, or overall"),
        *_score_fields("targets", lambda r: r.targets),
        *_score_fields("units", lambda r: r.units),
        Field("metric_overlap", Amount | None, lambda r: _mean(r.metric)),
        Field("subject_overlap", Amount | None, lambda r: _mean(r.subject)),
        Field("lead_agreement", Amount | None, lambda r: _mean(r.lead)),
        Field("lead_rows", int, lambda r: r.lead.count, description="gold rows with lead"),
    ),
    (
        Column("document", lambda r: r.document),
        *_score_columns("targets", lambda r: r.targets),
        *_score_columns("units", lambda r: r.units),
        Column("metric ≈", lambda r: _mean(r.metric)),
        Column("subject ≈", lambda r: _mean(r.subject)),
        Column("lead =", lambda r: _mean(r.lead)),
    ),
)


def _rules(number: ExplainedNumber) -> str:
    return "; ".join(f"{d.rule}: {d.outcome}" for d in number.decisions)


EXPLAINED_NUMBER: Record[ExplainedNumber] = Record(
    "ExplainedNumber",
    (
        Field("start", int, description="offset of the number in the text"),
        Field("end", int),
        Field("written", str, description="the number (and unit) as written"),
        Field("status", str, description="target, rejected or threshold"),
        Field("rule", str, lambda n: n.deciding.rule, description="the rule that settled it"),
        Field("reason", str, lambda n: n.deciding.reason),
        Field(
            "decisions",
            list[dict[str, str]],
            lambda n: [
                {"rule": d.rule, "outcome": d.outcome, "reason": d.reason} for d in n.decisions
            ],
            description="every rule that decided about the number (take, op, year …), in order",
        ),
    ),
    (
        Column("start", lambda n: n.start),
        Column("number", lambda n: n.written),
        Column("status", lambda n: n.status),
        Column("rules", _rules),
        Column("reason", lambda n: n.deciding.reason),
    ),
)
