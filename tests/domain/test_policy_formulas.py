"""Award formulas, caps and conditions of policy clauses (bioecon/domain/policy_formulas.py):
hand-computed fixtures for every formula kind and cap, and the laws they keep (hypothesis).

Worked by hand (money in 万元):
  南京 15 %/1000万: 研发费用 8000 → 0.15 × 8000 = 1200 > 1000 → 1000;
                    研发费用 2000 → 300; 研发费用 6666.67 → 1000.0005 → 1000 (cap);
                    研发费用 123.4567 → 18.518505 → 18.5185 (to the yuan, half up)
  fixed 50 → 50 whatever the data
  table by platform level {national: 500, provincial: 200}: provincial → 200; municipal → none
  table by flag {专精特新: 30, 专精特新小巨人: 100}: both held → the larger, 100
  yearly cap 1000, 900 granted: an award of 300 → 100 left; 1000 granted → 0
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from bioecon.domain.policy_formulas import (
    Combine,
    Comparison,
    Condition,
    Eligibility,
    FactField,
    Facts,
    Formula,
    FormulaKind,
    eligibility_of,
    eligibility_plain,
    formula_of,
    formula_plain,
    used_facts,
    within_cap,
)

NANJING = Formula(
    FormulaKind.RATE, base=FactField.RD_SPEND, rate=Decimal("0.15"), cap=Decimal(1000)
)
LEVELS = Formula(
    FormulaKind.TABLE,
    key=FactField.PLATFORM_LEVEL,
    table=(("national", Decimal(500)), ("provincial", Decimal(200))),
)
FLAGS = Formula(
    FormulaKind.TABLE,
    key=FactField.FLAG,
    table=(("专精特新", Decimal(30)), ("专精特新小巨人", Decimal(100))),
)
HIGH_TECH = Condition(FactField.FLAG, Comparison.HAS, "高新技术企业")
SPENDS = Condition(FactField.RD_SPEND, Comparison.GT, "0")
BIG = Condition(FactField.REVENUE, Comparison.GE, "350000")


def rd(value: str) -> dict[FactField, Decimal]:
    return {FactField.RD_SPEND: Decimal(value)}


def test_the_rate_formula_is_capped_as_worked_by_hand() -> None:
    assert NANJING.award(rd("8000")) == Decimal(1000)
    assert NANJING.award(rd("2000")) == Decimal(300)
    assert NANJING.award(rd("6666.67")) == Decimal(1000)
    assert NANJING.award(rd("123.4567")) == Decimal("18.5185")
    assert NANJING.award({}) is None  # no 研发费用: nothing computed from a blank


def test_fixed_and_table_formulas() -> None:
    assert Formula(FormulaKind.FIXED, amount=Decimal(50)).award({}) == Decimal(50)
    assert LEVELS.award({FactField.PLATFORM_LEVEL: "provincial"}) == Decimal(200)
    assert LEVELS.award({FactField.PLATFORM_LEVEL: "municipal"}) is None
    assert LEVELS.award({}) is None
    both = frozenset({"专精特新", "专精特新小巨人", "上市"})
    assert FLAGS.award({FactField.FLAG: both}) == Decimal(100)
    assert FLAGS.award({FactField.FLAG: frozenset({"上市"})}) is None


def test_the_yearly_cap_leaves_what_was_not_granted() -> None:
    assert within_cap(Decimal(300), Decimal(1000), Decimal(900)) == Decimal(100)
    assert within_cap(Decimal(300), Decimal(1000), Decimal(1000)) == Decimal(0)
    assert within_cap(Decimal(300), Decimal(1000), Decimal(0)) == Decimal(300)
    assert within_cap(Decimal(300), None, Decimal(5000)) == Decimal(300)


def test_conditions_all_and_any() -> None:
    firm: Facts = {
        FactField.FLAG: frozenset({"高新技术企业"}),
        FactField.RD_SPEND: Decimal(10),
        FactField.REVENUE: Decimal(100),
    }
    assert Eligibility(Combine.ALL, (HIGH_TECH, SPENDS)).met(firm)
    assert not Eligibility(Combine.ALL, (HIGH_TECH, SPENDS, BIG)).met(firm)
    assert Eligibility(Combine.ANY, (BIG, HIGH_TECH)).met(firm)
    assert not Eligibility(Combine.ANY, (BIG,)).met(firm)
    assert Eligibility(Combine.ALL, ()).met({})  # no condition: everyone
    # a missing fact never meets a condition, not even a "below" one
    assert not Condition(FactField.REVENUE, Comparison.LT, "5").holds({})
    assert Condition(FactField.BIO_CATEGORY, Comparison.PREFIX, "4.1").holds(
        {FactField.BIO_CATEGORY: "4.1.2"}
    )
    assert not Condition(FactField.BIO_CATEGORY, Comparison.PREFIX, "4.1").holds(
        {FactField.BIO_CATEGORY: "4.2.1"}
    )


def test_the_facts_used_read_as_plain_values() -> None:
    facts: Facts = {FactField.RD_SPEND: Decimal("8000.00"), FactField.FLAG: frozenset({"b", "a"})}
    shown = used_facts(facts, [FactField.FLAG, FactField.RD_SPEND, FactField.REVENUE])
    assert shown == {"flag": ["a", "b"], "rd_spend": "8000", "revenue": None}


amounts = st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False)
rates = st.decimals(min_value=0, max_value=1, places=4, allow_nan=False)


@given(base=amounts, rate=rates, cap=amounts)
def test_a_rate_award_never_passes_its_cap_nor_its_share(
    base: Decimal, rate: Decimal, cap: Decimal
) -> None:
    award = Formula(FormulaKind.RATE, base=FactField.RD_SPEND, rate=rate, cap=cap).award(
        {FactField.RD_SPEND: base}
    )
    assert award is not None
    assert Decimal(0) <= award <= cap
    assert abs(award - min(rate * base, cap)) <= Decimal("0.00005")


@given(base=amounts, more=amounts)
def test_more_spending_never_lowers_the_award(base: Decimal, more: Decimal) -> None:
    low, high = NANJING.award(rd(str(base))), NANJING.award(rd(str(base + more)))
    assert low is not None and high is not None and low <= high


@given(awards=st.lists(amounts, max_size=8), cap=amounts)
def test_awards_granted_one_by_one_within_the_cap_sum_to_at_most_the_cap(
    awards: list[Decimal], cap: Decimal
) -> None:
    granted = Decimal(0)
    for award in awards:
        granted += within_cap(award, cap, granted)
    assert granted <= cap
    assert granted == min(sum(awards, Decimal(0)), cap)


fields = st.sampled_from(list(FactField))
conditions = st.builds(
    Condition,
    fields,
    st.sampled_from(list(Comparison)),
    st.from_regex(r"[0-9a-z.]{1,6}", fullmatch=True),
)


@given(
    combine=st.sampled_from(list(Combine)),
    items=st.lists(conditions, max_size=4),
    kind=st.sampled_from(list(FormulaKind)),
    base=st.none() | fields,
    number=st.none() | amounts,
    table=st.lists(st.tuples(st.text(min_size=1, max_size=4), amounts), max_size=3),
)
def test_conditions_and_formulas_survive_their_stored_form(
    combine: Combine,
    items: list[Condition],
    kind: FormulaKind,
    base: FactField | None,
    number: Decimal | None,
    table: list[tuple[str, Decimal]],
) -> None:
    eligibility = Eligibility(combine, tuple(items))
    assert eligibility_of(eligibility_plain(eligibility)) == eligibility
    formula = Formula(kind, base, number, number, number, base, tuple(table))
    assert formula_of(formula_plain(formula)) == formula
