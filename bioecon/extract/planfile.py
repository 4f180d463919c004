"""An extraction as a plan (PlanBundle), ready to be written as a plan file and reviewed."""

from __future__ import annotations

import hashlib

from bioecon.catalogs import extraction_rules
from bioecon.domain.model import (
    Indicator,
    Plan,
    PlanBundle,
    ReportingBasis,
    ResponsibleUnit,
    SourceSpan,
    Target,
    Task,
)
from bioecon.extract.plan_meta import read_plan_meta
from bioecon.extract.targets import ExtractedTarget
from bioecon.extract.tasks import ExtractedTask

_TIER_WORDS = ("独角兽", "瞪羚", "小巨人", "专精特新", "上市", "链主", "百亿级")


def map_indicator(target: ExtractedTarget) -> str | None:
    if "、" in target.metric and sum(word in target.metric for word in _TIER_WORDS) > 1:
        return None  # 独角兽、瞪羚、“小巨人”企业: a union of tiers, no single tier measures it
    fields = {
        "subject": target.subject,
        "metric": target.metric,
        "qualifier": target.qualifier or "",
        "unit": target.unit,
    }
    for rule in extraction_rules()["rules"]:
        if all(
            any(word in fields[name] for word in words)
            for name, words in rule.items()
            if name != "indicator"
        ):
            return str(rule["indicator"])
    return None


def to_bundle(
    text: str,
    targets: list[ExtractedTarget],
    tasks: list[ExtractedTask],
    *,
    code: str | None = None,
    region: str | None = None,
    name: str | None = None,
    unit_prefix: str | None = None,
) -> PlanBundle:
    """The extraction as a plan. Title, issuer, period, region and code are read from the text
    (bioecon/extract/plan_meta.py); ``code`` and ``region`` (an org unit code) override them,
    ``name`` (the file's name) is the title when the text has none. Responsible units are coded
    ``<plan code>-RU01`` …, so that two plans' units never share a code."""
    meta = read_plan_meta(
        text, years=[t.year for t in targets if t.year], code=code, region=region, name=name
    )
    prefix = unit_prefix if unit_prefix is not None else f"{meta.code}-RU"
    units: dict[str, str] = {}
    for task in tasks:
        for unit in task.units:
            units.setdefault(unit, f"{prefix}{len(units) + 1:02d}")
    mapped = {id(t): map_indicator(t) for t in targets}
    declared = {i["code"]: i for i in extraction_rules()["indicators"]}
    used = sorted({m for m in mapped.values() if m is not None and m in declared})
    return PlanBundle(
        plan=Plan(
            code=meta.code,
            title=meta.title,
            region=meta.region,
            issuer=meta.issuer,
            issued_on=meta.issued_on,
            horizon_start=meta.horizon_start,
            horizon_end=meta.horizon_end,
            source_text=text,
            source_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        ),
        org_units=meta.org_units,
        responsible_units=tuple(ResponsibleUnit(c, n, meta.region) for n, c in units.items()),
        indicators=tuple(
            Indicator(
                code=c, name=declared[c]["name"], unit=declared[c]["unit"], basis=ReportingBasis.YTD
            )
            for c in used
        ),
        targets=tuple(
            Target(
                key=f"T{n:02d}",
                metric=t.metric or t.quote,
                kind=t.kind,
                op=t.op,
                value=t.value,
                value_high=t.value_high,
                unit=t.unit,
                indicator=mapped[id(t)],
                subject=t.subject,
                qualifier=t.qualifier,
                deadline_year=t.year,
                source=SourceSpan(t.quote, t.start, t.end),
                note="自动抽取，待审核 (extracted automatically; review before use)",
            )
            for n, t in enumerate(targets, start=1)
        ),
        tasks=tuple(
            Task(
                key=f"K{n:02d}",
                heading=task.heading or "(无标题)",
                section=task.section or None,
                lead_units=tuple(units[u] for u in task.units[:1]),
                co_units=tuple(
                    dict.fromkeys(units[u] for u in task.units[1:] if u not in task.units[:1])
                ),
                start=task.start,
            )
            for n, task in enumerate(tasks, start=1)
        ),
    )
