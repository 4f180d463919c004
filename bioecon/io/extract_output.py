"""What the extractor read from a plan's text, as records and tables (`bioecon extract`,
`bioecon extract-eval`)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from bioecon.extract.evaluate import DocumentScore, Overlap, Score
from bioecon.extract.targets import ExtractedTarget
from bioecon.extract.tasks import ExtractedTask
from bioecon.io.output import Amount, Column, Field, Record
from bioecon.io.texttable import render_table

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
    ),
    (
        Column("start", lambda k: k.start),
        Column("heading", lambda k: k.heading[:40]),
        Column("units", lambda k: "、".join(k.units)),
    ),
)


def _prf(score: Score) -> list[Decimal]:
    return [Decimal(f"{value:.3f}") for value in (score.precision, score.recall, score.f1)]


def _names(metric: Overlap, subject: Overlap) -> list[Decimal]:
    return [Decimal(f"{value:.3f}") for value in (metric.mean, subject.mean)]


def scores_table(scores: Sequence[DocumentScore]) -> str:
    """Precision, recall and F1 per document and overall, for targets and for units, and the
    name overlap (character-bag F1) of matched targets' metric and subject."""
    rows: list[list[object]] = [
        [s.document, *_prf(s.targets), *_prf(s.units), *_names(s.metric, s.subject)] for s in scores
    ]
    if scores:
        first = scores[0]
        targets, units, metric, subject = first.targets, first.units, first.metric, first.subject
        for s in scores[1:]:
            targets, units = targets + s.targets, units + s.units
            metric, subject = metric + s.metric, subject + s.subject
        rows.append(["overall", *_prf(targets), *_prf(units), *_names(metric, subject)])
    headers = ["document", "targets P", "R", "F1", "units P", "R", "F1", "metric ≈", "subject ≈"]
    return render_table(headers, rows)
