"""The plan file (``*.yaml``): its schema as pydantic models, and its conversion to and from
the domain's :class:`~bioecon.domain.model.PlanBundle`. Documented in docs/plan-format.md;
the JSON Schema in schemas/plan.schema.json is generated from :class:`PlanFile`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from bioecon.domain.amounts import check_storable
from bioecon.domain.model import (
    Aggregation,
    Indicator,
    IndicatorNature,
    MappingMethod,
    OrgLevel,
    OrgUnit,
    Plan,
    PlanBundle,
    ReportingBasis,
    ResponsibleUnit,
    SourceSpan,
    Target,
    TargetKind,
    TargetNature,
    TargetOp,
    Task,
)
from bioecon.domain.periods import PeriodType
from bioecon.domain.progress import Method
from bioecon.errors import InvalidInput, Problem
from bioecon.io.document_limits import MAX_PLAN_FILE_BYTES, MAX_TEXT_FILE_BYTES, read_bounded
from bioecon.io.safe_paths import confined_path
from bioecon.io.yaml_source import (
    YamlPath,
    dump_yaml,
    locate,
    read_yaml_file,
    validation_problems,
)
from bioecon.records import copy_into, field_values

FORMAT: Final = "bioecon-plan/1"


def _code_text(value: Any) -> Any:
    """Codes such as 430100 are text; accept them unquoted in YAML."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Code = Annotated[
    str,
    BeforeValidator(_code_text),
    Field(
        min_length=1,
        max_length=80,
        pattern=r"^[^\s]+$",
        description="A stable identifier without spaces",
    ),
]
Text = Annotated[str, Field(min_length=1)]
Year = Annotated[int, Field(ge=1949, le=2200)]
# Thresholds and tier criteria are amounts, rates and counts: none is below zero.
NonNegative = Annotated[Decimal, Field(ge=0)]


def _storable(value: Decimal) -> Decimal:
    """A target's value as the database stores it: exact, below 10^12, at most 6 places."""
    return check_storable(value)


# A target's figures, as the ledger stores them (a decrease may be written as a negative).
TargetValue = Annotated[Decimal, AfterValidator(_storable)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HorizonModel(_Model):
    """规划期: first and last year the plan covers."""

    start: Year
    end: Year


class SourceModel(_Model):
    """The plan's text: a file beside the plan file (``path``, checked against ``sha256`` when
    given), or the text itself inline (``text``)."""

    path: str | None = None
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    text: str | None = None


class TimeProgressThresholdsModel(_Model):
    lagging_points: NonNegative | None = Field(
        default=None, description="滞后 beyond this many points behind 时序进度"
    )
    at_risk_points: NonNegative | None = Field(
        default=None, description="严重滞后 beyond this many points"
    )


class RatioThresholdsModel(_Model):
    on_track: NonNegative | None = None
    lagging: NonNegative | None = None


class ThresholdsModel(_Model):
    """Overrides of the progress thresholds (docs/progress.md); unset ones keep the defaults."""

    default_method: Method | None = None
    time_progress: TimeProgressThresholdsModel | None = None
    growth_ratio: RatioThresholdsModel | None = None
    projection_ratio: RatioThresholdsModel | None = None
    approx_tolerance: NonNegative | None = None


class TierModel(_Model):
    """A tier rule: exactly one of revenue_at_least (万元), flag, gazelle, unicorn, any_of (a
    union of other tiers, each member counted once) or all (every registered enterprise)."""

    code: Code
    name: Text
    revenue_at_least: NonNegative | None = None
    industry_divisions: list[str] | None = None
    flag: str | None = None
    gazelle: dict[str, NonNegative] | None = None
    unicorn: dict[str, NonNegative | str] | None = None
    any_of: list[Code] | None = Field(
        default=None, description="codes of tiers (the catalogue's or the plan's) united"
    )
    all: Literal[True] | None = Field(default=None, description="every registered enterprise")


class PlanMeta(_Model):
    code: Code
    title: Text
    region: Code = Field(description="org unit code of the plan's jurisdiction")
    issuer: str | None = None
    issued_on: date | None = None
    horizon: HorizonModel | None = None
    source: SourceModel | None = None
    thresholds: ThresholdsModel | None = None
    tiers: list[TierModel] | None = Field(
        default=None,
        description="the plan's own 企业梯次 rules; a code in bioecon/data/tiers.yaml is overridden",
    )


class OrgUnitModel(_Model):
    code: Code
    name: Text
    level: OrgLevel
    parent: Code | None = None
    division_code: (
        Annotated[str, BeforeValidator(_code_text), Field(pattern=r"^\d{12}$")] | None
    ) = Field(default=None, description="统计用区划代码, 12 digits")
    additive: bool | None = Field(
        default=None,
        description="counted into the parent's total; default true except for parks and zones",
    )
    name_en: str | None = None


class ResponsibleUnitModel(_Model):
    code: Code
    name: Text
    org_unit: Code | None = None
    aliases: list[Text] = Field(default_factory=list)


class IndicatorModel(_Model):
    code: Code
    name: Text
    unit: Text
    nature: IndicatorNature = IndicatorNature.FLOW
    basis: ReportingBasis = ReportingBasis.YTD
    period_type: PeriodType = PeriodType.MONTH
    aggregation: Aggregation = Aggregation.SUM
    name_en: str | None = None
    description: str | None = None
    jan_feb_combined: bool = Field(
        default=False,
        description="monthly indicator reported as 1–2月 together (no January of its own)",
    )


class SpanModel(_Model):
    quote: Text
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]


class TargetModel(_Model):
    key: Code | None = Field(default=None, description="stable key within the plan; default T<n>")
    metric: Text
    indicator: Code | None = None
    subject: str | None = None
    subject_org_unit: Code | None = None
    subject_sector: str | None = None
    qualifier: str | None = None
    kind: TargetKind = TargetKind.LEVEL
    op: TargetOp = TargetOp.EQ
    value: TargetValue
    value_high: TargetValue | None = None
    unit: Text
    baseline_value: TargetValue | None = None
    baseline_year: Year | None = None
    deadline_year: Year | None = None
    nature: TargetNature | None = Field(
        default=None,
        description="属性 of a 主要指标 table row: 预期性 (expected) or 约束性 (binding)",
    )
    source: SpanModel | None = None
    note: str | None = None
    mapping_method: MappingMethod | None = Field(
        default=None, description="how the indicator was chosen: rule, fuzzy or manual"
    )
    mapping_confidence: Annotated[Decimal, Field(ge=0, le=1)] | None = Field(
        default=None, description="0–1; high/medium/low classes in indicator_mapping.yaml"
    )
    mapping_reason: str | None = Field(default=None, description="why this indicator")


class TaskModel(_Model):
    key: Code | None = Field(default=None, description="stable key within the plan; default K<n>")
    section: str | None = None
    heading: Text
    text: str | None = None
    lead_units: list[Code] = Field(default_factory=list)
    co_units: list[Code] = Field(default_factory=list)
    start: Annotated[int, Field(ge=0)] | None = None


class PlanFile(_Model):
    """A bioecon plan file."""

    format: Literal["bioecon-plan/1"] = FORMAT
    plan: PlanMeta
    org_units: list[OrgUnitModel] = Field(default_factory=list)
    responsible_units: list[ResponsibleUnitModel] = Field(default_factory=list)
    indicators: list[IndicatorModel] = Field(default_factory=list)
    targets: list[TargetModel] = Field(default_factory=list)
    tasks: list[TaskModel] = Field(default_factory=list)


def json_schema() -> dict[str, Any]:
    schema = PlanFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://bioecon.example/schemas/plan.schema.json"
    return schema


# --- reading -----------------------------------------------------------------------------


class ParsedPlanFile:
    """A plan file read from disk: the bundle, and where each YAML path sits for messages."""

    def __init__(self, bundle: PlanBundle, lines: dict[YamlPath, int], source: str) -> None:
        self.bundle = bundle
        self.lines = lines
        self.source = source

    def locate(self, path: YamlPath) -> str:
        return locate(path, self.lines)


def read_plan_file(path: Path, *, source_roots: Sequence[Path] = ()) -> ParsedPlanFile:
    """Read and check the file's shape; raise :class:`InvalidInput` with every problem found.
    ``source.path`` may name a file in the plan file's folder or in one of ``source_roots``."""
    source = str(path)
    data, lines = read_yaml_file(path, MAX_PLAN_FILE_BYTES)
    try:
        document = PlanFile.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(source, validation_problems(error, lines, _message)) from None
    source_text, problems = _read_source(document, path.parent, source_roots, lines)
    if problems:
        raise InvalidInput(source, problems)
    return ParsedPlanFile(to_bundle(document, source_text), lines, source)


def _message(item: Any) -> str:
    message = str(item["msg"])
    if item["type"] == "extra_forbidden":
        return "unknown field (see docs/plan-format.md for the fields a plan file takes)"
    if item["type"] == "missing":
        return "required field is missing"
    given = item.get("input")
    if isinstance(given, str | int | float | Decimal) and item["type"] != "missing":
        return f"{message} (given: {given!r})"
    return message


def _read_source(
    document: PlanFile, folder: Path, roots: Sequence[Path], lines: dict[YamlPath, int]
) -> tuple[str | None, list[Problem]]:
    source = document.plan.source
    if source is None:
        return None, []
    where = ("plan", "source")
    if (source.path is None) == (source.text is None):
        return None, [Problem(locate(where, lines), "give exactly one of path or text")]
    if source.text is not None:
        return source.text, []
    assert source.path is not None
    raw, problem = _source_bytes(source.path, folder, roots)
    at_path = locate((*where, "path"), lines)
    if raw is None:
        return None, [Problem(at_path, problem)]
    digest = hashlib.sha256(raw).hexdigest()
    if source.sha256 is not None and source.sha256 != digest:
        return None, [
            Problem(
                locate((*where, "sha256"), lines),
                f"{source.path} has sha256 {digest}, not the {source.sha256} the plan file records",
            )
        ]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        return None, [Problem(at_path, f"{source.path} is not UTF-8: {error.reason}")]


def _source_bytes(name: str, folder: Path, roots: Sequence[Path]) -> tuple[bytes | None, str]:
    """The bytes of the source text file, or why it cannot be read: outside the plan file's
    folder (and ``roots``), missing, not a regular file or too large."""
    file = confined_path(name, folder, roots)
    if file is None:
        return None, (
            f"{name} 不在计划文件所在的文件夹内：source.path 只能指向该文件夹中的文件"
            "（请把源文本复制到计划文件旁边，或用 plan load --source-root 指定允许的文件夹）"
        )
    try:
        return read_bounded(file, MAX_TEXT_FILE_BYTES), ""
    except InvalidInput as error:
        return None, f"cannot read {name}: {error.problems[0].message}"
    except OSError as error:
        return None, f"cannot read {name}: {error.strerror}"


# --- conversion --------------------------------------------------------------------------

_NON_ADDITIVE = {OrgLevel.PARK, OrgLevel.ZONE}


def _default_additive(level: OrgLevel) -> bool:
    """Parks and zones lie inside districts whose figures already hold theirs."""
    return level not in _NON_ADDITIVE


def to_bundle(document: PlanFile, source_text: str | None) -> PlanBundle:
    return PlanBundle(
        plan=_plan(document.plan, source_text),
        org_units=tuple(
            copy_into(
                OrgUnit,
                u,
                additive=_default_additive(u.level) if u.additive is None else u.additive,
            )
            for u in document.org_units
        ),
        responsible_units=tuple(copy_into(ResponsibleUnit, r) for r in document.responsible_units),
        indicators=tuple(copy_into(Indicator, i) for i in document.indicators),
        targets=tuple(
            copy_into(
                Target,
                t,
                key=t.key or f"T{n}",
                source=copy_into(SourceSpan, t.source) if t.source else None,
            )
            for n, t in enumerate(document.targets, start=1)
        ),
        tasks=tuple(
            copy_into(Task, k, key=k.key or f"K{n}") for n, k in enumerate(document.tasks, start=1)
        ),
    )


def _plan(meta: PlanMeta, source_text: str | None) -> Plan:
    """The plan's record: the horizon, the source and the rule overrides are nested in the file."""
    return copy_into(
        Plan,
        meta,
        horizon_start=meta.horizon.start if meta.horizon else None,
        horizon_end=meta.horizon.end if meta.horizon else None,
        source_path=meta.source.path if meta.source else None,
        source_text=source_text,
        source_sha256=(
            hashlib.sha256(source_text.encode("utf-8")).hexdigest()
            if source_text is not None
            else None
        ),
        thresholds=(
            meta.thresholds.model_dump(mode="json", exclude_none=True) if meta.thresholds else None
        ),
        tiers=[t.model_dump(mode="json", exclude_none=True) for t in meta.tiers]
        if meta.tiers
        else None,
    )


def from_bundle(bundle: PlanBundle) -> PlanFile:
    """The plan file that loads back into ``bundle``."""
    return PlanFile(
        plan=_plan_meta(bundle.plan),
        org_units=[
            OrgUnitModel(
                **field_values(u, exclude={"additive"}),
                additive=None if u.additive == _default_additive(u.level) else u.additive,
            )
            for u in bundle.org_units
        ],
        responsible_units=[
            ResponsibleUnitModel(**field_values(r)) for r in bundle.responsible_units
        ],
        indicators=[IndicatorModel(**field_values(i)) for i in bundle.indicators],
        targets=[
            TargetModel(
                **field_values(t, exclude={"source"}),
                source=SpanModel(**field_values(t.source)) if t.source else None,
            )
            for t in bundle.targets
        ],
        tasks=[TaskModel(**field_values(k)) for k in bundle.tasks],
    )


def _plan_meta(plan: Plan) -> PlanMeta:
    horizon = (
        HorizonModel(start=plan.horizon_start, end=plan.horizon_end)
        if plan.horizon_start is not None and plan.horizon_end is not None
        else None
    )
    if plan.source_path is not None:
        source: SourceModel | None = SourceModel(path=plan.source_path, sha256=plan.source_sha256)
    elif plan.source_text is not None:
        source = SourceModel(text=plan.source_text)
    else:
        source = None
    return PlanMeta(
        **field_values(plan, exclude=_PLAN_NESTED),
        horizon=horizon,
        source=source,
        thresholds=ThresholdsModel.model_validate(plan.thresholds) if plan.thresholds else None,
        tiers=[TierModel.model_validate(t) for t in plan.tiers] if plan.tiers else None,
    )


# Plan fields the file keeps nested (``horizon``, ``source``) or as models of their own.
_PLAN_NESTED: Final = {
    "horizon_start",
    "horizon_end",
    "source_path",
    "source_text",
    "source_sha256",
    "thresholds",
    "tiers",
}


def plan_file_yaml(bundle: PlanBundle) -> str:
    """The canonical YAML text of a plan: stable key order, unset fields left out."""
    document = from_bundle(bundle)
    data = document.model_dump(mode="python", exclude_none=True)
    data = _drop_empty(data)
    return dump_yaml(_plain(data))


def _drop_empty(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _drop_empty(v) for k, v in data.items() if v != []}
    if isinstance(data, list):
        return [_drop_empty(v) for v in data]
    return data


def _plain(data: Any) -> Any:
    """Enums to their values, so the YAML holds plain scalars."""
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    if isinstance(data, Enum):
        return data.value
    return data
