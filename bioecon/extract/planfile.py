"""An extraction as a plan (PlanBundle), ready to be written as a plan file and reviewed."""

from __future__ import annotations

import hashlib
import re

from bioecon.catalogs import extraction_rules
from bioecon.domain.model import (
    Indicator,
    OrgLevel,
    OrgUnit,
    Plan,
    PlanBundle,
    ReportingBasis,
    ResponsibleUnit,
    SourceSpan,
    Target,
    Task,
)
from bioecon.extract.targets import ExtractedTarget
from bioecon.extract.tasks import ExtractedTask

_REGION = re.compile(r"(?:解读《)?(.{2,12}?(?:省|市|自治州|州|盟|区|县))")


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
    code: str,
    region: str | None = None,
    unit_prefix: str = "RU",
) -> PlanBundle:
    title = next((line.strip() for line in text.splitlines() if line.strip()), code)[:200]
    found = _REGION.search(title)
    region_name = found.group(1) if found else "地区"
    region_code = region or f"R-{region_name}"
    level = OrgLevel.CITY if region_name.endswith(("市", "州", "盟")) else OrgLevel.DISTRICT
    years = [t.year for t in targets if t.year]
    units: dict[str, str] = {}
    for task in tasks:
        for name in task.units:
            units.setdefault(name, f"{unit_prefix}{len(units) + 1:02d}")
    mapped = {id(t): map_indicator(t) for t in targets}
    declared = {i["code"]: i for i in extraction_rules()["indicators"]}
    used = sorted({m for m in mapped.values() if m is not None and m in declared})
    return PlanBundle(
        plan=Plan(
            code=code,
            title=title,
            region=region_code,
            horizon_end=max(years) if years else None,
            horizon_start=min(years) - 3 if years else None,
            source_text=text,
            source_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        ),
        org_units=(OrgUnit(region_code, region_name, level),) if region is None else (),
        responsible_units=tuple(ResponsibleUnit(c, n, region_code) for n, c in units.items()),
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
