"""指标目录 (indicator catalogue): the standard indicators Chinese industrial and bio-economy
plans measure, each saying where its values come from. Rules as data
(``bioecon/data/indicators.yaml``, with sources); this module holds the types and reads the
records, no I/O.

A ledger indicator is reported (监测台账); the others are counted from a register: the
enterprise registry by a tier rule (``tier.<code>``, rules in ``tiers.yaml``), the platform
and carrier register (``platform.…``), the product-approval register (``approval.…``), the
key-project library (``project.…``) or the task list (``task.…``). Register indicators carry
``count``: the field values a counted record must have (``{"level": ("national",)}``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bioecon.domain.model import Aggregation, Indicator, IndicatorNature, ReportingBasis
from bioecon.domain.tiers import TierRule
from bioecon.errors import InvalidValue


class IndicatorSource(StrEnum):
    """Where an indicator's values come from (数据来源)."""

    LEDGER = "ledger"  # 监测台账: figures reported by districts, parks and departments
    REGISTRY = "registry"  # 企业名录: enterprises counted by a tier rule
    PLATFORMS = "platforms"  # 创新平台与载体名录
    APPROVALS = "approvals"  # 产品注册与批文名录 (药品批文, 医疗器械注册证 …)
    PROJECTS = "projects"  # 重点项目库
    TASKS = "tasks"  # 重点任务


# indicator code prefix → register; ledger indicators have no prefix
SOURCE_PREFIXES: Mapping[str, IndicatorSource] = {
    "tier.": IndicatorSource.REGISTRY,
    "platform.": IndicatorSource.PLATFORMS,
    "approval.": IndicatorSource.APPROVALS,
    "project.": IndicatorSource.PROJECTS,
    "task.": IndicatorSource.TASKS,
}


def source_of_code(code: str) -> IndicatorSource:
    """The source an indicator code names by its prefix (``tier.listed`` → registry)."""
    for prefix, source in SOURCE_PREFIXES.items():
        if code.startswith(prefix):
            return source
    return IndicatorSource.LEDGER


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """One indicator of the catalogue: its definition, its group, its source and, for a
    register indicator, which records it counts."""

    indicator: Indicator
    group: str  # 产业规模, 投资, 研发, 企业, 平台, 产品, 知识产权, 人才, 项目, 比率, 增速
    source: IndicatorSource
    count: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    references: tuple[str, ...] = ()  # where the definition comes from
    aliases: tuple[str, ...] = ()  # other names plans use (matched by bioecon.domain.mapping)

    @property
    def code(self) -> str:
        return self.indicator.code


def catalogue_entries(
    records: list[dict[str, Any]], tiers: Mapping[str, TierRule]
) -> dict[str, CatalogueEntry]:
    """The catalogue's records (``indicators.yaml``) and one registry indicator per tier rule,
    by code; a record's code prefix must agree with its ``source``."""
    entries: dict[str, CatalogueEntry] = {}
    for record in records:
        entry = _entry(record)
        if entry.code in entries:
            raise InvalidValue(f"indicator {entry.code}: listed twice")
        entries[entry.code] = entry
    for rule in tiers.values():
        if rule.indicator in entries:
            raise InvalidValue(f"indicator {rule.indicator}: tier indicators come from tiers.yaml")
        entries[rule.indicator] = tier_entry(rule)
    return entries


def tier_entry(rule: TierRule) -> CatalogueEntry:
    """The registry indicator counting a tier's members (家, a level at a date)."""
    return CatalogueEntry(
        indicator=Indicator(
            code=rule.indicator,
            name=f"{rule.name}数量",
            unit="家",
            nature=IndicatorNature.STOCK,
            basis=ReportingBasis.PERIOD_END,
            period_type="year" if rule.uses_figures else "month",
            name_en=f"Enterprises: {rule.code}",
        ),
        group="企业",
        source=IndicatorSource.REGISTRY,
        count={"tier": (rule.code,)},
        references=("bioecon/data/tiers.yaml",),
    )


def _entry(record: dict[str, Any]) -> CatalogueEntry:
    code = str(record["code"])
    try:
        source = IndicatorSource(record["source"])
        indicator = Indicator(
            code=code,
            name=str(record["name"]),
            unit=str(record["unit"]),
            nature=IndicatorNature(record["nature"]),
            basis=ReportingBasis(record["basis"]),
            period_type=str(record["period_type"]),
            aggregation=Aggregation(record.get("aggregation", "sum")),
            name_en=str(record["name_en"]),
            description=record.get("description"),
        )
    except (KeyError, ValueError) as error:
        raise InvalidValue(f"indicator {code}: {error}") from error
    if source_of_code(code) is not source:
        raise InvalidValue(f"indicator {code}: a {source} indicator's code does not say so")
    if source is IndicatorSource.REGISTRY:
        raise InvalidValue(f"indicator {code}: registry indicators come from tiers.yaml")
    count = {str(k): tuple(str(v) for v in vs) for k, vs in (record.get("count") or {}).items()}
    if (source is IndicatorSource.LEDGER) == bool(count):
        raise InvalidValue(f"indicator {code}: register indicators, and only they, take count")
    return CatalogueEntry(
        indicator=indicator,
        group=str(record["group"]),
        source=source,
        count=count,
        references=tuple(str(r) for r in record.get("references") or ()),
        aliases=tuple(str(a) for a in record.get("aliases") or ()),
    )
