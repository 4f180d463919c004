"""The API's response models, built from the output records' declarations, so the OpenAPI
schema at /openapi.json is what the routes return (tests/web/test_openapi_contract.py
validates real responses against it).

``io/evaluation_output.py`` and ``io/ledger_output.py`` build their records as dicts and
declare only the names of their CSV columns (``FIELDS``); the types of every key of those
records are declared here, in the records' order. Both models are open-ended:
a key a record gains reaches the client even before it is typed here (the contract test
then asks for its type)."""

from __future__ import annotations

from typing import Any

from bioecon.domain.progress import Formula, Measure, Status
from bioecon.io import evaluation_output, ledger_output
from bioecon.io.enterprise_output import DIRECTORY_PAGE
from bioecon.io.mapping_output import TARGET_SUGGESTIONS
from bioecon.io.output import Amount, model_of, response_model
from bioecon.io.plan_output import PLAN_SUMMARY

PlanSummary = response_model(PLAN_SUMMARY)
TargetMapping = response_model(TARGET_SUGGESTIONS)
DirectoryPage = response_model(DIRECTORY_PAGE)

_RATE = (float | None, "percent")
EVALUATION_TYPES: dict[str, tuple[Any, str]] = {
    "target_id": (str, "the target's key in its plan (T01 …)"),
    "plan": (str, "plan code"),
    "metric": (str, ""),
    "subject": (str | None, "the subject as the plan words it"),
    "org_unit": (str, "the org unit whose figures were judged"),
    "indicator": (str | None, "indicator code"),
    "year": (int | None, "deadline year"),
    "target": (Amount | None, "the level to reach (翻番: base × 2; ranges: the low end)"),
    "target_high": (Amount | None, ""),
    "unit": (str, "unit of target, actual, gap and projected"),
    "stated_value": (Amount, "the target as the plan states it"),
    "stated_unit": (str, ""),
    "actual": (Amount | None, ""),
    "actual_period": (str | None, "the deadline year once it is over, else the latest"),
    "latest": (Amount | None, "after the deadline: the latest value, beside the verdict"),
    "latest_period": (str | None, ""),
    "completion_rate": (float | None, "完成率 actual ÷ target, percent (新增: = 进度)"),
    "progress": (float | None, "进度 (actual − base)/(target − base), percent"),
    "decided_by": (Measure | None, "the measure the 时序进度 method compares with time"),
    "formula": (Formula | None, "which completion rule applied (docs/progress.md)"),
    "formula_label": (str | None, "the rule's Chinese label"),
    "completion_rate_high": _RATE,
    "time_progress": _RATE,
    "gap": (Amount | None, "target − actual"),
    "required_cagr": (float | None, "percent a year"),
    "actual_cagr": (float | None, "percent a year"),
    "growth_ratio": (float | None, ""),
    "projected": (Amount | None, "at the deadline"),
    "projection_ratio": (float | None, ""),
    "status": (str, "the status's Chinese label: 达标/正常/滞后/严重滞后/未达标/数据不足"),
    "status_code": (Status, "the status's stable code"),
    "status_en": (str, "the status's English label"),
    "status_by_method": (dict[str, str], "method → the status's Chinese label"),
    "explanation": (str, "one line, Chinese"),
    "explanation_en": (str, "the same line in English"),
}
LEDGER_TYPES: dict[str, tuple[Any, str]] = {
    "indicator": (str, ""),
    "org_unit": (str, ""),
    "sector": (str | None, "sector code; null: all sectors"),
    "period": (str, "2025-06, 2025Q2 or 2025"),
    "value": (Amount | None, "当期值"),
    "ytd": (Amount | None, "1–N月累计"),
    "yoy": (float | None, "同比, percent"),
    "ytd_yoy": (float | None, "累计同比, percent"),
    "mom": (float | None, "环比, percent"),
    "yoy_2y": (float | None, "两年平均增速, percent"),
    "contributors": (int, "units whose figures make the value"),
    "unreviewed": (bool, "built on a submitted (未审核) figure"),
    "missing": (dict[str, str], "field → reason code, for the missing ones"),
}


def _typed(csv_fields: tuple[str, ...], types: dict[str, tuple[Any, str]]) -> dict[str, Any]:
    """The record's keys in its order; a CSV column without a declared type fails here."""
    untyped = [name for name in csv_fields if name not in types]
    if untyped:
        raise TypeError(f"declare the type of {', '.join(untyped)} in {__name__}")
    return types


TargetEvaluation = model_of(
    "TargetEvaluation", _typed(evaluation_output.FIELDS, EVALUATION_TYPES), open_ended=True
)
LedgerRecord = model_of("LedgerRecord", _typed(ledger_output.FIELDS, LEDGER_TYPES), open_ended=True)
