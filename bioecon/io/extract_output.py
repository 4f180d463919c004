"""What the extractor read from a plan's text, as records and tables (`bioecon extract`,
`bioecon extract-eval`)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from bioecon.extract.evaluate import DocumentScore, Score
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


def scores_table(scores: Sequence[DocumentScore]) -> str:
    """Precision, recall and F1 per document and overall, for targets and for units."""
    rows: list[list[object]] = [[s.document, *_prf(s.targets), *_prf(s.units)] for s in scores]
    if scores:
        targets, units = scores[0].targets, scores[0].units
        for s in scores[1:]:
            targets, units = targets + s.targets, units + s.units
        rows.append(["overall", *_prf(targets), *_prf(units)])
    return render_table(["document", "targets P", "R", "F1", "units P", "R", "F1"], rows)
