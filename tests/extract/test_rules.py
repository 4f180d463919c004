"""Every rule of the target extractor carries its own examples; each runs here through
`extract --explain` (bioecon/extract/explain.py): the example's number must show the rule with
the outcome the example states. A rule without examples fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bioecon.extract.explain import NO_UNIT, ExplainedNumber, explain_numbers
from bioecon.extract.rules import all_rules
from bioecon.extract.rules.base import Rule

RULES: list[Rule[Any, Any]] = [*all_rules(), NO_UNIT]


def test_rule_names_are_unique() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_each_rule_decides_its_own_examples(rule: Rule[Any, Any]) -> None:
    assert rule.examples, f"rule {rule.name} has no examples"
    assert rule.reason and "\n" not in rule.reason
    for example in rule.examples:
        numbers = explain_numbers(example.text)
        line = next((n for n in numbers if n.written == example.number), None)
        assert line is not None, (example, [n.written for n in numbers])
        decided = [(d.rule, d.outcome) for d in line.decisions]
        assert (rule.name, example.outcome) in decided, (example, decided)


def _line(numbers: list[ExplainedNumber], written: str) -> ExplainedNumber:
    return next(n for n in numbers if n.written == written)


def test_explain_lists_every_number_with_the_rule_that_decided() -> None:
    text = "到2025年,新增孵化器10家以上,建成平台。截至2022年底已有5家。成立四个专题组。"
    numbers = explain_numbers(text)
    assert [n.written for n in numbers] == ["2025", "10家", "2022", "5家", "四个"]
    assert [n.start for n in numbers] == [1, 12, 25, 33, 38]
    taken = _line(numbers, "10家")
    assert taken.status == "target"
    assert [(d.rule, d.outcome) for d in taken.decisions] == [
        ("number_with_unit", "taken"),
        ("op_after", "op >="),
        ("year_in_line", "year 2025"),
    ]
    assert _line(numbers, "5家").deciding.rule == "past_marker"
    assert _line(numbers, "四个").deciding.rule == "chinese_count_without_verb"
    assert _line(numbers, "2025").status == "rejected"


def test_traditional_script_numbers_are_explained_as_written() -> None:
    numbers = explain_numbers("到2025年，新增創新平臺3—5個。")
    line = _line(numbers, "3—5個")
    assert line.status == "target"
    assert ("range", "op range") in [(d.rule, d.outcome) for d in line.decisions]


def test_docs_name_every_rule() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "extraction.md").read_text(encoding="utf-8")
    missing = [rule.name for rule in RULES if f"`{rule.name}`" not in docs]
    assert not missing, f"add these rules to docs/extraction.md (Rules): {missing}"


def test_numbers_inside_an_indicator_table_are_left_to_the_table_reader() -> None:
    text = (
        "到2025年，全市新增平台3个。\n"
        "指标\t单位\t2020年\t2025年\t属性\n"
        "生物医药产业营业收入\t亿元\t800\t1500\t预期性\n"
    )
    explained = {n.written: n for n in explain_numbers(text)}
    # the sentence's 3个 is a target of the sentence rules; the row's 1500 lies in the table
    # (header to last row), which the table reader reads: status "table", rule table_reader
    assert explained["3个"].status == "target"
    in_table = [n for n in explain_numbers(text) if n.start > text.index("指标")]
    assert in_table and all(n.status == "table" for n in in_table)
    assert {n.deciding.rule for n in in_table} == {"table_reader"}
