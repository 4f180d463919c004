"""Table targets carry their 基期 and 属性 into the plan (baseline_value, baseline_year,
nature) and through the plan file written from it."""

from __future__ import annotations

from decimal import Decimal

from bioecon.domain.model import TargetNature
from bioecon.extract.planfile import to_bundle
from bioecon.extract.tables import extract_table_targets
from bioecon.io.planfile import from_bundle
from bioecon.io.planfile import to_bundle as file_to_bundle

TEXT = (
    "某市生物经济“十四五”发展规划\n"
    "指标名称  单位  2020年  2025年  属性\n"
    "生物经济总规模  亿元  1600  3000  预期性\n"
    "研发投入强度  %  2.1  3  约束性\n"
)


def test_base_and_nature_reach_the_plan_and_its_file() -> None:
    bundle = to_bundle(TEXT, extract_table_targets(TEXT), [], code="mx", region="430100")
    assert [
        (t.metric, t.baseline_value, t.baseline_year, t.deadline_year, t.nature)
        for t in bundle.targets
    ] == [
        ("生物经济总规模", Decimal(1600), 2020, 2025, TargetNature.EXPECTED),
        ("研发投入强度", Decimal("2.1"), 2020, 2025, TargetNature.BINDING),
    ]
    written = from_bundle(bundle)
    assert [t.nature for t in written.targets] == [TargetNature.EXPECTED, TargetNature.BINDING]
    assert file_to_bundle(written, bundle.plan.source_text).targets == bundle.targets
