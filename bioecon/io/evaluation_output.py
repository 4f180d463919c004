"""Target evaluations as JSON records, CSV and a terminal table."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from bioecon.domain.progress import Status, TargetEvaluation
from bioecon.io.sheet_writer import write_csv
from bioecon.io.texttable import render_table
from bioecon.messages import label, render

FIELDS = (
    "target_id",
    "metric",
    "subject",
    "year",
    "target",
    "target_high",
    "unit",
    "actual",
    "actual_period",
    "completion_rate",
    "time_progress",
    "required_cagr",
    "actual_cagr",
    "growth_ratio",
    "projected",
    "status",
    "explanation",
    "progress",
    "decided_by",
    "formula",
    "latest",
    "latest_period",
)


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def evaluation_record(item: TargetEvaluation) -> dict[str, Any]:
    """The `bioecon evaluate --format json` object: rates in percent, amounts exact."""
    t, e = item.target, item.evaluation
    return {
        "target_id": t.key,
        "plan": item.plan,
        "metric": t.metric,
        "subject": t.subject,
        "org_unit": item.org_unit,
        "indicator": t.indicator,
        "year": t.deadline_year,
        "target": e.target if e.target is not None else t.value,
        "target_high": e.target_high if e.target is not None else t.value_high,
        "unit": item.unit,  # of target, actual, gap, projected (翻番: the indicator's, not 倍)
        "stated_value": t.value,  # the target as the plan states it (2 for 翻番) …
        "stated_unit": t.unit,  # … and its unit (倍)
        "actual": e.actual,
        "actual_period": e.actual_period,
        "latest": e.latest,  # after the deadline: the latest value, beside the verdict …
        "latest_period": e.latest_period,  # … which is on the deadline year
        "completion_rate": _round(e.completion_rate),
        "progress": _round(e.progress),
        "decided_by": e.decided_by.value if e.decided_by else None,
        "formula": e.formula.value if e.formula else None,
        "formula_label": label(e.formula) if e.formula else None,
        "completion_rate_high": _round(e.completion_rate_high),
        "time_progress": _round(e.time_progress),
        "gap": e.gap,
        "required_cagr": _round(e.required_cagr),
        "actual_cagr": _round(e.actual_cagr),
        "growth_ratio": _round(e.growth_ratio),
        "projected": e.projected,
        "projection_ratio": _round(e.projection_ratio),
        "status": label(e.status),  # 达标 …: the Chinese label, as before the codes
        "status_code": e.status.value,  # met, on_track, lagging, at_risk, missed, no_data
        "status_en": label(e.status, "en"),
        "status_by_method": {method: label(status) for method, status in e.by_method.items()},
        "explanation": render(e.explanation),
        "explanation_en": render(e.explanation, "en"),
    }


def evaluations_csv(items: Sequence[TargetEvaluation]) -> str:
    rows = [[_cell(evaluation_record(i)[name]) for name in FIELDS] for i in items]
    return write_csv(FIELDS, rows)


def _cell(value: object) -> str | Decimal | None:
    if value is None or isinstance(value, str | Decimal):
        return value
    return str(value)


# The marker beside the status (colour is not enough): the same as the web page's CSS.
_MARK = {
    Status.MET: "●",
    Status.ON_TRACK: "●",
    Status.LAGGING: "▲",
    Status.AT_RISK: "■",
    Status.MISSED: "✕",
    Status.NO_DATA: "○",
}


def evaluations_table(items: Sequence[TargetEvaluation]) -> str:
    headers = [
        "id",
        "metric",
        "subject",
        "year",
        "target",
        "actual",
        "done%",
        "time%",
        "status",
        "explanation",
    ]
    rows = [
        [
            i.target.key,
            i.target.metric,
            i.target.subject or i.org_unit,
            i.target.deadline_year,
            i.evaluation.target if i.evaluation.target is not None else i.target.value,
            i.evaluation.actual,
            _one(i.evaluation.completion_rate),
            _one(i.evaluation.time_progress),
            _MARK[i.evaluation.status] + label(i.evaluation.status),
            render(i.evaluation.explanation),
        ]
        for i in items
    ]
    return render_table(headers, rows)


def _one(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(repr(value)).quantize(Decimal("0.1"))
