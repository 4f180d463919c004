from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bioecon.errors import InvalidInput
from bioecon.io.planfile import PlanFile, json_schema, plan_file_yaml, read_plan_file
from bioecon.io.yaml_source import load_yaml

ROOT = Path(__file__).parents[2]

MINIMAL = """\
plan:
  code: demo
  title: 示例计划
  region: 430100
  horizon: {start: 2021, end: 2025}
  source:
    text: "到2025年,产业规模达到4000.5亿元。"
org_units:
  - {code: 430100, name: 长沙市, level: city}
  - {code: P1, name: 某园区, level: park, parent: 430100}
targets:
  - metric: 产业规模
    value: 4000.5
    unit: 亿元
    deadline_year: 2025
    source: {quote: 产业规模达到4000.5亿元, start: 8, end: 22}
"""


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_minimal_file_reads_with_defaults_and_exact_decimals(tmp_path: Path) -> None:
    bundle = read_plan_file(write(tmp_path, MINIMAL)).bundle
    assert bundle.plan.region == "430100"  # an unquoted code is read as text
    target = bundle.targets[0]
    assert target.key == "T1" and target.kind.value == "level" and target.op.value == "="
    assert target.value == Decimal("4000.5")
    assert [u.additive for u in bundle.org_units] == [True, False]  # parks are not additive
    assert bundle.plan.source_sha256 is not None


def test_errors_name_the_yaml_path_and_line(tmp_path: Path) -> None:
    broken = MINIMAL.replace("value: 4000.5", "value: lots").replace("level: park", "level: campus")
    broken += "  - {metric: 企业数, value: 3, unit: 家, colour: red}\n"
    with pytest.raises(InvalidInput) as caught:
        read_plan_file(write(tmp_path, broken))
    report = caught.value.report()
    assert "org_units[1].level (line 10)" in report and "campus" in report
    assert "targets[0].value (line 13)" in report
    assert "targets[1].colour (line 17): unknown field" in report
    assert "nothing was written" in report


def test_missing_required_field_and_yaml_syntax_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="1 problem") as caught:
        read_plan_file(write(tmp_path, MINIMAL.replace("  title: 示例计划\n", "")))
    assert "plan.title (line 2): required field is missing" in caught.value.report()
    with pytest.raises(InvalidInput) as caught:
        read_plan_file(write(tmp_path, "plan: [unclosed\n"))
    assert "line 2" in caught.value.report() and "not valid YAML" in caught.value.report()


def test_source_file_is_checked_against_its_sha256(tmp_path: Path) -> None:
    write(tmp_path, "计划全文", "plan.txt")
    text = MINIMAL.split("targets:")[0].replace(
        '    text: "到2025年,产业规模达到4000.5亿元。"',
        "    path: plan.txt\n    sha256: " + "ab" * 32,
    )
    with pytest.raises(InvalidInput, match="1 problem") as caught:
        read_plan_file(write(tmp_path, text))
    assert "plan.source.sha256" in caught.value.report() and "not the abab" in caught.value.report()
    with pytest.raises(InvalidInput) as caught:
        read_plan_file(write(tmp_path, text.replace("plan.txt", "missing.txt")))
    assert "plan.source.path" in caught.value.report()


def test_canonical_yaml_reads_back_to_the_same_bundle(tmp_path: Path) -> None:
    bundle = read_plan_file(write(tmp_path, MINIMAL)).bundle
    again = read_plan_file(write(tmp_path, plan_file_yaml(bundle), "again.yaml")).bundle
    assert again == bundle


def test_decimals_are_read_exactly_from_yaml() -> None:
    data, lines = load_yaml("a: 0.1\nb: [1.10, 2]\n", "x")
    assert data == {"a": Decimal("0.1"), "b": [Decimal("1.10"), 2]}
    assert lines[("b", 1)] == 2


def test_committed_json_schema_is_current() -> None:
    committed = json.loads((ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "run `make schema` to regenerate schemas/plan.schema.json"


def test_demo_plan_file_is_valid(changsha_plan_file: Path) -> None:
    parsed = read_plan_file(changsha_plan_file)
    assert len(parsed.bundle.targets) == 26 and len(parsed.bundle.tasks) == 27
    assert PlanFile.model_validate(
        load_yaml(changsha_plan_file.read_text(encoding="utf-8"), "x")[0]
    )


def test_an_impossible_date_is_read_as_its_text_not_an_internal_error() -> None:
    # 2025-02-30 matches YAML's timestamp pattern; PyYAML itself raises a bare ValueError
    data, _ = load_yaml("a: 2025-02-30\nb: 2025-02-28\n", "t.yaml")
    assert data == {"a": "2025-02-30", "b": date(2025, 2, 28)}
