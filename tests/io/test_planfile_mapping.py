"""The target's mapping fields in the plan file: read, written back the same, checked."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bioecon.domain.model import MappingMethod
from bioecon.errors import InvalidInput
from bioecon.io.planfile import plan_file_yaml, read_plan_file

HEAD = "plan: {code: p, title: 计划, region: R}\norg_units: [{code: R, name: 某市, level: city}]\n"
TARGET = "  - {key: T1, metric: 上市企业, value: 3, unit: 家, indicator: tier.listed"


def write(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(f"{HEAD}targets:\n{TARGET}{extra}}}\n", encoding="utf-8")
    return path


def test_mapping_fields_are_read_and_written_back_unchanged(tmp_path: Path) -> None:
    path = write(
        tmp_path, ", mapping_method: rule, mapping_confidence: 0.9, mapping_reason: 上市企业"
    )
    (target,) = read_plan_file(path).bundle.targets
    assert (target.mapping_method, target.mapping_confidence, target.mapping_reason) == (
        MappingMethod.RULE,
        Decimal("0.9"),
        "上市企业",
    )
    text = plan_file_yaml(read_plan_file(path).bundle)
    assert "  mapping_method: rule\n  mapping_confidence: 0.9\n  mapping_reason: 上市企业\n" in text
    again = tmp_path / "again.yaml"
    again.write_text(text, encoding="utf-8")
    assert plan_file_yaml(read_plan_file(again).bundle) == text


def test_a_file_without_them_loads_as_before(tmp_path: Path) -> None:
    (target,) = read_plan_file(write(tmp_path, "")).bundle.targets
    assert (target.indicator, target.mapping_method, target.mapping_confidence) == (
        "tier.listed",
        None,
        None,
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (", mapping_method: guessed", "mapping_method"),
        (", mapping_confidence: 1.5", "mapping_confidence"),
    ],
)
def test_bad_mapping_fields_are_refused(tmp_path: Path, extra: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_plan_file(write(tmp_path, extra))
    assert message in caught.value.report()


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    method=st.sampled_from(list(MappingMethod)),
    confidence=st.decimals(min_value=0, max_value=1, places=2),
    reason=st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1),
)
def test_any_mapping_reads_back_as_written(
    tmp_path: Path, method: MappingMethod, confidence: Decimal, reason: str
) -> None:
    bundle = read_plan_file(write(tmp_path, "")).bundle
    mapped = replace(
        bundle,
        targets=tuple(
            replace(t, mapping_method=method, mapping_confidence=confidence, mapping_reason=reason)
            for t in bundle.targets
        ),
    )
    path = tmp_path / "mapped.yaml"
    path.write_text(plan_file_yaml(mapped), encoding="utf-8")
    (target,) = read_plan_file(path).bundle.targets
    assert (target.mapping_method, target.mapping_confidence, target.mapping_reason) == (
        method,
        confidence,
        reason,
    )
