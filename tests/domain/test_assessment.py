"""考核计分 (bioecon.domain.assessment): every method, adjustment and veto against figures
worked by hand in the comments; properties: scores do not depend on the order of the units
and never fall when a unit's input rises (higher is better)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioecon.domain.assessment import (
    Adjustment,
    Grade,
    Polarity,
    Rule,
    Score,
    ScoringMethod,
    Totals,
    competition_ranks,
    results,
    score_item,
)
from bioecon.domain.messages import Message
from bioecon.errors import InvalidValue
from bioecon.messages import render

D = Decimal


def points(rule: Rule, inputs: dict[str, Decimal | None]) -> dict[str, Decimal]:
    return {unit: score.points for unit, score in score_item(rule, inputs).items()}


def working(rule: Rule, inputs: dict[str, Decimal | None], unit: str) -> str:
    return render(score_item(rule, inputs)[unit].working)


def test_proportional_with_its_cap_and_its_polarity() -> None:
    rule = Rule(ScoringMethod.PROPORTIONAL, weight=D(20), target=D(1200), cap=D("1.2"))
    # 1187.84 / 1200 = 98.9867 % × 20 = 19.797 → 19.80; 1500 / 1200 = 125 %, capped 120 % → 24
    assert points(rule, {"湘江新区": D("1187.84"), "浏阳": D(1500)}) == {
        "湘江新区": D("19.80"),
        "浏阳": D("24.00"),
    }
    assert working(rule, {"湘江新区": D("1187.84")}, "湘江新区") == (
        "1,187.84 / 1,200 = 98.99% × 20 = 19.8"
    )
    assert working(rule, {"浏阳": D(1500)}, "浏阳") == "1,500 / 1,200 = 125%，按120%封顶 × 20 = 24"
    # lower is better (能耗 100 at most): 80 → 100 / 80 = 125 %, capped at 100 % → 20;
    # 125 → 100 / 125 = 80 % → 16
    lower = Rule(ScoringMethod.PROPORTIONAL, D(20), Polarity.LOWER, target=D(100))
    assert points(lower, {"a": D(80), "b": D(125)}) == {"a": D("20.00"), "b": D("16.00")}


def test_completion_full_nothing_or_in_proportion() -> None:
    rule = Rule(ScoringMethod.COMPLETION, weight=D(20), target=D(1200))
    assert points(rule, {"met": D(1200), "missed": D(1100)}) == {
        "met": D("20.00"),
        "missed": D(0),
    }
    # partial: 1100 / 1200 = 91.667 % × 20 = 18.333 → 18.33
    partial = Rule(ScoringMethod.COMPLETION, weight=D(20), target=D(1200), partial=True)
    assert points(partial, {"missed": D(1100)}) == {"missed": D("18.33")}
    assert working(partial, {"missed": D(1100)}, "missed") == (
        "1,100 / 1,200 = 91.67%，未达到目标，按比例 × 20 = 18.33"
    )
    # lower is better: 3 events at most; 2 meets it, 4 does not
    lower = Rule(ScoringMethod.COMPLETION, D(5), Polarity.LOWER, target=D(3))
    assert points(lower, {"a": D(2), "b": D(4)}) == {"a": D("5.00"), "b": D(0)}


def test_efficacy_between_its_floor_and_full_marks() -> None:
    # 满意值 10, 不允许值 2, weight 10:
    #   6  → (6 − 2) / (10 − 2) = 50 %  → 10 × (0.6 + 0.4 × 0.5) = 8
    #   12 → 125 %, clipped to 100 %    → 10
    #   1  → −12.5 %, clipped to 0      → 6 (the 60 % floor); 0 with zero_below
    rule = Rule(ScoringMethod.EFFICACY, weight=D(10), satisfactory=D(10), disallowed=D(2))
    assert points(rule, {"a": D(6), "b": D(12), "c": D(1)}) == {
        "a": D("8.00"),
        "b": D("10.00"),
        "c": D("6.00"),
    }
    assert working(rule, {"a": D(6)}, "a") == (
        "(6 − 不允许值2) / (满意值10 − 2) = 50%；10 × (60% + (1 − 60%) × 50%) = 10 × 80% = 8"
    )
    strict = Rule(
        ScoringMethod.EFFICACY, D(10), satisfactory=D(10), disallowed=D(2), zero_below=True
    )
    assert points(strict, {"c": D(1)}) == {"c": D(0)}
    # lower is better (事故率: 满意值 2, 不允许值 10): 4 → (4 − 10) / (2 − 10) = 75 % → 9
    lower = Rule(ScoringMethod.EFFICACY, D(10), Polarity.LOWER, satisfactory=D(2), disallowed=D(10))
    assert points(lower, {"a": D(4)}) == {"a": D("9.00")}


def test_ranking_shares_ties_and_loses_a_step_per_rank() -> None:
    # 9, 9, 7, 5 → ranks 1, 1, 3, 4; weight 10, 5 % a rank: 10, 10, 9, 8.5
    inputs: dict[str, Decimal | None] = {"A": D(9), "B": D(9), "C": D(7), "D": D(5)}
    rule = Rule(ScoringMethod.RANKING, weight=D(10))
    assert points(rule, inputs) == {
        "A": D("10.00"),
        "B": D("10.00"),
        "C": D("9.00"),
        "D": D("8.50"),
    }
    assert working(rule, inputs, "C") == "7，第3名：10 × (1 − 5% × (3 − 1)) = 9"
    # a table 10, 8, 6: rank 3 takes 6, rank 4 (beyond the table) its last entry, 6
    table = Rule(ScoringMethod.RANKING, weight=D(10), table=(D(10), D(8), D(6)))
    assert points(table, inputs) == {
        "A": D("10.00"),
        "B": D("10.00"),
        "C": D("6.00"),
        "D": D("6.00"),
    }
    # lower is better: 5 is first
    lower = Rule(ScoringMethod.RANKING, D(10), Polarity.LOWER)
    assert points(lower, inputs)["D"] == D("10.00")


def test_against_the_average_with_bonus_cap_and_floor() -> None:
    # 12, 8, 10 → average 10; weight 5, 0.5 a unit, at most 5 × 1.2 = 6:
    #   12 → 5 + 0.5 × 2 = 6;  8 → 5 − 1 = 4;  10 → 5
    rule = Rule(ScoringMethod.AVERAGE, D(5), per_unit=D("0.5"), bonus_cap=D("0.2"))
    assert points(rule, {"A": D(12), "B": D(8), "C": D(10)}) == {
        "A": D("6.00"),
        "B": D("4.00"),
        "C": D("5.00"),
    }
    # 40, 8, 10 → average 19.33: A 5 + 0.5 × 20.67 = 15.33, capped at 6; B 5 − 5.67 < 0 → 0
    assert points(rule, {"A": D(40), "B": D(8), "C": D(10)})["A"] == D("6.00")
    deep = Rule(ScoringMethod.AVERAGE, D(5), per_unit=D(1))
    assert points(deep, {"A": D(40), "B": D(8), "C": D(10)})["B"] == D(0)


def test_a_unit_without_input_scores_nothing_and_is_left_out_of_ranks_and_averages() -> None:
    # the average of A and B only: 10; 5 ± 1 a unit, at most 5 × (1 + 1) = 10: A 7, B 3
    rule = Rule(ScoringMethod.AVERAGE, D(5), per_unit=D(1), bonus_cap=D(1))
    scores = score_item(rule, {"A": D(12), "B": D(8), "C": None})
    assert [scores[u].points for u in "ABC"] == [D("7.00"), D("3.00"), D(0)]
    assert render(scores["C"].working) == "无数据，计0分"


def test_a_rule_missing_its_parameters_is_refused() -> None:
    with pytest.raises(InvalidValue, match="缺少参数：target"):
        Rule(ScoringMethod.PROPORTIONAL, D(10))
    with pytest.raises(InvalidValue, match="满意值与不允许值不能相同"):
        Rule(ScoringMethod.EFFICACY, D(10), satisfactory=D(3), disallowed=D(3))
    with pytest.raises(InvalidValue, match="须大于 0"):
        Rule(ScoringMethod.COMPLETION, D(10), target=D(0))


GRADES = Totals(
    grades=(Grade("优秀", D(90)), Grade("良好", D(80)), Grade("一般", D(0))),
    bonus_cap=D(4),
    deduction_cap=D(5),
)


def test_totals_with_capped_bonus_deduction_a_veto_grades_and_tied_ranks() -> None:
    # X: 50 + 37 = 87, 加分 3 + 2 = 5 capped at 4 → 91, 优秀, rank 1
    # Y: 50 + 42 = 92, 扣分 1 → 91, 优秀, rank 1 (tie)
    # W: 40 + 40 = 80, 扣分 3 + 4 = 7 capped at 5 → 75, 一般, rank 3
    # Z: 50 + 45 = 95, 一票否决 (数据造假): 不合格, no rank, listed last
    note = Message("assess.no_input")  # the working is not what this test looks at
    items = [
        {u: Score(u, p, note) for u, p in zip("XYWZ", [D(50), D(50), D(40), D(50)], strict=True)},
        {u: Score(u, p, note) for u, p in zip("XYWZ", [D(37), D(42), D(40), D(45)], strict=True)},
    ]
    adjustments = [
        Adjustment("X", D(3), "省级以上表彰"),
        Adjustment("X", D(2), "改革试点"),
        Adjustment("Y", D(-1), "报送迟缓"),
        Adjustment("W", D(-3), "督办未销号"),
        Adjustment("W", D(-4), "数据差错"),
    ]
    found = results(["X", "Y", "W", "Z"], items, adjustments, {"Z": ["数据造假"]}, GRADES)
    assert [(r.unit, r.total, r.grade, r.rank, r.bonus, r.deduction) for r in found] == [
        ("X", D(91), "优秀", 1, D(4), D(0)),
        ("Y", D(91), "优秀", 1, D(0), D(1)),
        ("W", D(75), "一般", 3, D(0), D(5)),
        ("Z", D(95), "不合格", None, D(0), D(0)),
    ]
    assert found[3].vetoed == ("数据造假",)


def test_grade_bands_must_descend() -> None:
    with pytest.raises(InvalidValue):
        Totals(grades=(Grade("一般", D(0)), Grade("优秀", D(90))))


def test_competition_ranks() -> None:
    assert competition_ranks({"a": D(9), "b": D(9), "c": D(7)}) == {"a": 1, "b": 1, "c": 3}
    assert competition_ranks({"a": D(9), "b": D(9), "c": D(7)}, lower_first=True) == {
        "a": 2,
        "b": 2,
        "c": 1,
    }


# --- properties -------------------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False)
RULES = [
    Rule(ScoringMethod.COMPLETION, D(20), target=D(1000), partial=True),
    Rule(ScoringMethod.PROPORTIONAL, D(20), target=D(1000), cap=D("1.2")),
    Rule(ScoringMethod.EFFICACY, D(10), satisfactory=D(8000), disallowed=D(1000)),
    Rule(ScoringMethod.RANKING, D(10)),
    Rule(ScoringMethod.AVERAGE, D(5), per_unit=D("0.01"), bonus_cap=D("0.5")),
]


@given(values=st.lists(amounts, min_size=1, max_size=8), data=st.data())
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.method.value)
def test_scores_do_not_depend_on_the_order_of_units(
    rule: Rule, values: list[Decimal], data: st.DataObject
) -> None:
    inputs: dict[str, Decimal | None] = {f"u{n}": v for n, v in enumerate(values)}
    shuffled = data.draw(st.permutations(list(inputs.items())))
    assert points(rule, dict(shuffled)) == points(rule, inputs)


@given(values=st.lists(amounts, min_size=1, max_size=8), rise=amounts, data=st.data())
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.method.value)
def test_a_higher_input_never_scores_less(
    rule: Rule, values: list[Decimal], rise: Decimal, data: st.DataObject
) -> None:
    inputs: dict[str, Decimal | None] = {f"u{n}": v for n, v in enumerate(values)}
    unit = data.draw(st.sampled_from(sorted(inputs)))
    before = points(rule, inputs)[unit]
    value = inputs[unit]
    assert value is not None
    assert points(rule, inputs | {unit: value + rise})[unit] >= before


@given(values=st.lists(amounts, min_size=1, max_size=8), data=st.data())
def test_totals_grades_and_ranks_do_not_depend_on_the_order_of_units(
    values: list[Decimal], data: st.DataObject
) -> None:
    """Two items (a ranking and 按比例), a bonus and a veto: each unit's total, grade and
    rank are the same whatever order the units come in (ties included)."""
    units = [f"u{n}" for n in range(len(values))]
    inputs: dict[str, Decimal | None] = dict(zip(units, values, strict=True))
    totals = Totals(grades=(Grade("优秀", D(20)), Grade("一般", D(0))))
    adjustments = [Adjustment(units[0], D(2), "表彰")]
    vetoes = {units[-1]: ("数据造假",)} if len(units) > 2 else {}

    def by_unit(order: list[str]) -> dict[str, tuple[Decimal, str, int | None]]:
        ordered = {u: inputs[u] for u in order}
        scores = [score_item(rule, ordered) for rule in (RULES[3], RULES[1])]
        found = results(order, scores, adjustments, vetoes, totals)
        return {r.unit: (r.total, r.grade, r.rank) for r in found}

    shuffled = data.draw(st.permutations(units))
    assert by_unit(list(shuffled)) == by_unit(units)
