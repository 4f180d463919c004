"""The indicator catalogue (bioecon/data/indicators.yaml) is consistent with the units, the
register vocabularies and the tier rules it names."""

from __future__ import annotations

import pytest

from bioecon.catalogs import indicator_catalogue, register_vocabulary, unit_registry
from bioecon.domain.catalogue import IndicatorSource, catalogue_entries, source_of_code
from bioecon.domain.periods import PeriodType
from bioecon.domain.tiers import tier_rules
from bioecon.errors import InvalidValue
from bioecon.store.projects import KEY_MEASURES

LEDGER = {
    "code": "x_scale",
    "name": "某产业规模",
    "name_en": "Scale",
    "group": "产业规模",
    "unit": "亿元",
    "nature": "flow",
    "basis": "ytd",
    "period_type": "month",
    "source": "ledger",
}


def test_every_unit_and_period_type_is_known() -> None:
    for entry in indicator_catalogue().values():
        assert entry.indicator.unit in unit_registry(), entry.code
        PeriodType(entry.indicator.period_type)


def test_register_counts_use_the_register_vocabulary() -> None:
    vocabulary = register_vocabulary()
    platforms = vocabulary["platforms"]
    allowed = {
        IndicatorSource.PLATFORMS: {
            "type": {t["code"] for t in platforms["types"]},
            "category": set(platforms["categories"]),
            "level": set(platforms["levels"]),
        },
        IndicatorSource.APPROVALS: {
            "kind": set(vocabulary["approvals"]["kinds"]),
            "class": {c for cs in vocabulary["approvals"]["classes"].values() for c in cs},
        },
        IndicatorSource.PROJECTS: {"measure": set(KEY_MEASURES)},
    }
    for entry in indicator_catalogue().values():
        if entry.source in allowed:
            assert entry.count, entry.code
            for name, values in entry.count.items():
                assert set(values) <= allowed[entry.source][name], (entry.code, name)


def test_every_tier_rule_is_a_registry_indicator() -> None:
    catalogue = indicator_catalogue()
    # tiers.yaml holds 18 rules (4 revenue bands, 规上, 瞪羚, 独角兽, 9 flags, a union, all)
    registry = {c for c, e in catalogue.items() if e.source is IndicatorSource.REGISTRY}
    assert "tier.listed" in registry and "tier.innovative_sme" in registry
    assert catalogue["tier.listed"].indicator.name == "上市企业数量"
    assert catalogue["tier.revenue_100yi"].indicator.period_type == "year"  # from figures
    assert catalogue["tier.listed"].indicator.period_type == "month"  # flags held on a day


def test_the_code_prefix_names_the_source() -> None:
    assert source_of_code("tier.listed") is IndicatorSource.REGISTRY
    assert source_of_code("platform.pilot_base") is IndicatorSource.PLATFORMS
    assert source_of_code("approval.drug") is IndicatorSource.APPROVALS
    assert source_of_code("biomedicine_scale") is IndicatorSource.LEDGER


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"source": "platforms"}, "does not say so"),
        ({"code": "platform.x", "source": "platforms"}, "take count"),
        ({"count": {"level": ["national"]}}, "take count"),
        ({"nature": "volume"}, "volume"),
    ],
)
def test_inconsistent_records_are_refused(change: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidValue, match=message):
        catalogue_entries([{**LEDGER, **change}], {})


def test_a_code_listed_twice_or_shadowing_a_tier_is_refused() -> None:
    with pytest.raises(InvalidValue, match="listed twice"):
        catalogue_entries([LEDGER, LEDGER], {})
    tiers = tier_rules([{"code": "listed", "name": "上市企业", "flag": "上市"}])
    assert set(catalogue_entries([LEDGER], tiers)) == {"x_scale", "tier.listed"}
