"""政策条款的申报条件与兑现公式 as data (never text that is evaluated): conditions over the
registry's, a project's and a platform's fields (field, comparison, value; all or any), and
award formulas of three kinds — a rate of a base field with a cap (``min(15% × 研发费用,
1000万元)``), a fixed amount, a table by rank or level — and the cap per enterprise per year.

Money is in 万元, the registry's unit (enterprise_year). Pure: the facts an evaluation uses
are passed in as a mapping (:data:`Facts`) that the service reads from the store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class FactField(StrEnum):
    """A field a condition or a formula reads (of the enterprise's year, its flags, its
    record, the linked project or platform)."""

    REVENUE = "revenue"  # 营业收入, 万元 (enterprise_year)
    RD_SPEND = "rd_spend"  # 研发费用, 万元
    OUTPUT_VALUE = "output_value"  # 工业总产值, 万元
    EMPLOYEES = "employees"  # 从业人员, 人
    FLAG = "flag"  # 资质标识 held in the year (专精特新, 高新技术企业 …)
    BIO_CATEGORY = "bio_category"  # 战新2018 生物产业 category (4.1.1 …)
    PROJECT_INVESTMENT = "project_investment"  # the linked project's 计划总投资, 亿元
    PROJECT_STAGE = "project_stage"  # the linked project's stage code
    PLATFORM_LEVEL = "platform_level"  # the linked platform's level (national …)


NUMERIC_FIELDS = frozenset(
    {
        FactField.REVENUE,
        FactField.RD_SPEND,
        FactField.OUTPUT_VALUE,
        FactField.EMPLOYEES,
        FactField.PROJECT_INVESTMENT,
    }
)


class Comparison(StrEnum):
    """How a condition compares a field with its value."""

    GE = "ge"  # ≥
    GT = "gt"  # >
    LE = "le"  # ≤
    LT = "lt"  # <
    EQ = "eq"  # equal (text or number)
    HAS = "has"  # the flag is held (FLAG only)
    PREFIX = "prefix"  # the text starts with the value (a bio_category of 4.1 …)


NUMERIC_COMPARISONS = frozenset({Comparison.GE, Comparison.GT, Comparison.LE, Comparison.LT})


class Combine(StrEnum):
    """Whether every condition must hold or one is enough."""

    ALL = "all"
    ANY = "any"


class FormulaKind(StrEnum):
    """The kinds of award formula."""

    RATE = "rate"  # rate × base field, at most the cap
    FIXED = "fixed"  # one amount
    TABLE = "table"  # an amount by the key field's value (a rank, a level, a flag)


Fact = Decimal | str | frozenset[str] | None
Facts = Mapping[FactField, Fact]
"""The values an evaluation used, by field (a flag field: the set of flags held)."""

CENT = Decimal("0.0001")  # 万元 to the yuan: awards are kept to the yuan


@dataclass(frozen=True, slots=True)
class Condition:
    """One eligibility condition: ``field comparison value`` (value as written: a number for
    the numeric comparisons, a text otherwise)."""

    field: FactField
    comparison: Comparison
    value: str

    def holds(self, facts: Facts) -> bool:
        """Whether the facts meet it; a missing fact never meets a condition."""
        fact = facts.get(self.field)
        if fact is None:
            return False
        if self.comparison is Comparison.HAS:
            return isinstance(fact, frozenset) and self.value in fact
        if isinstance(fact, frozenset):
            return False
        if self.comparison in NUMERIC_COMPARISONS:
            return isinstance(fact, Decimal) and _compare(
                fact, self.comparison, Decimal(self.value)
            )
        if self.comparison is Comparison.PREFIX:
            return str(fact).startswith(self.value)
        if isinstance(fact, Decimal):
            return fact == Decimal(self.value)
        return fact == self.value


def _compare(fact: Decimal, comparison: Comparison, value: Decimal) -> bool:
    if comparison is Comparison.GE:
        return fact >= value
    if comparison is Comparison.GT:
        return fact > value
    if comparison is Comparison.LE:
        return fact <= value
    return fact < value


@dataclass(frozen=True, slots=True)
class Eligibility:
    """The conditions of a clause and how they combine (no condition: everyone is eligible)."""

    combine: Combine
    conditions: tuple[Condition, ...]

    def met(self, facts: Facts) -> bool:
        held = [c.holds(facts) for c in self.conditions]
        if not held:
            return True
        return all(held) if self.combine is Combine.ALL else any(held)

    def fields(self) -> frozenset[FactField]:
        return frozenset(c.field for c in self.conditions)


@dataclass(frozen=True, slots=True)
class Formula:
    """An award formula. RATE: ``rate × base`` at most ``cap`` (None: no cap); FIXED:
    ``amount``; TABLE: the amount of the key field's value in ``table`` (for FLAG: the
    largest amount of the flags held). Amounts in 万元."""

    kind: FormulaKind
    base: FactField | None = None
    rate: Decimal | None = None
    cap: Decimal | None = None
    amount: Decimal | None = None
    key: FactField | None = None
    table: tuple[tuple[str, Decimal], ...] = ()

    def fields(self) -> frozenset[FactField]:
        return frozenset(f for f in (self.base, self.key) if f is not None)

    def award(self, facts: Facts) -> Decimal | None:
        """The award the facts give (万元, to the yuan), or None when a fact it needs is
        missing (nothing is computed from a blank)."""
        if self.kind is FormulaKind.FIXED:
            return _yuan(self.amount or Decimal(0))
        if self.kind is FormulaKind.RATE:
            base = facts.get(self.base) if self.base else None
            if not isinstance(base, Decimal) or self.rate is None:
                return None
            raw = max(self.rate * base, Decimal(0))
            return _yuan(raw if self.cap is None else min(raw, self.cap))
        return self._table_award(facts.get(self.key) if self.key else None)

    def _table_award(self, fact: Fact) -> Decimal | None:
        amounts = dict(self.table)
        if isinstance(fact, frozenset):
            held = [amounts[name] for name in fact if name in amounts]
            return _yuan(max(held)) if held else None
        if fact is None:
            return None
        found = amounts.get(format(fact, "f") if isinstance(fact, Decimal) else fact)
        return None if found is None else _yuan(found)


def _yuan(amount: Decimal) -> Decimal:
    """To the yuan, without trailing zeros (1200.5000 → 1200.5, 1000.0000 → 1000)."""
    kept = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    whole = kept.to_integral_value()
    return whole if kept == whole else kept.normalize()


def within_cap(award: Decimal, cap: Decimal | None, granted: Decimal) -> Decimal:
    """The part of ``award`` an enterprise may still receive in the year when ``granted`` of
    the yearly ``cap`` (None: no cap) is already granted: never below zero."""
    if cap is None:
        return award
    return max(Decimal(0), min(award, cap - granted))


def used_facts(facts: Facts, wanted: Sequence[FactField]) -> dict[str, object]:
    """The facts an evaluation used, as plain values (numbers as text, flags as a sorted
    list), by field code: what a page and the audit trail show beside an award."""
    shown: dict[str, object] = {}
    for name in wanted:
        fact = facts.get(name)
        if isinstance(fact, frozenset):
            shown[name.value] = sorted(fact)
        elif isinstance(fact, Decimal):
            shown[name.value] = format(fact.normalize(), "f")
        else:
            shown[name.value] = fact
    return shown


# --- as stored (JSON columns) and back -----------------------------------------------------


def eligibility_plain(eligibility: Eligibility) -> dict[str, object]:
    """The conditions as plain JSON values."""
    return {
        "combine": eligibility.combine.value,
        "conditions": [
            {"field": c.field.value, "comparison": c.comparison.value, "value": c.value}
            for c in eligibility.conditions
        ],
    }


def eligibility_of(plain: Mapping[str, object]) -> Eligibility:
    """The conditions from :func:`eligibility_plain`'s values."""
    rows = plain.get("conditions")
    conditions = tuple(
        Condition(FactField(str(r["field"])), Comparison(str(r["comparison"])), str(r["value"]))
        for r in (rows if isinstance(rows, list) else [])
    )
    return Eligibility(Combine(str(plain.get("combine", "all"))), conditions)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _number(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def formula_plain(formula: Formula) -> dict[str, object]:
    """The formula as plain JSON values (numbers as text, exact)."""
    return {
        "kind": formula.kind.value,
        "base": formula.base.value if formula.base else None,
        "rate": _text(formula.rate),
        "cap": _text(formula.cap),
        "amount": _text(formula.amount),
        "key": formula.key.value if formula.key else None,
        "table": [[name, format(amount, "f")] for name, amount in formula.table],
    }


def formula_of(plain: Mapping[str, object]) -> Formula:
    """The formula from :func:`formula_plain`'s values."""
    base, key, rows = plain.get("base"), plain.get("key"), plain.get("table")
    table = tuple(
        (str(row[0]), Decimal(str(row[1]))) for row in (rows if isinstance(rows, list) else [])
    )
    return Formula(
        FormulaKind(str(plain["kind"])),
        FactField(str(base)) if base else None,
        _number(plain.get("rate")),
        _number(plain.get("cap")),
        _number(plain.get("amount")),
        FactField(str(key)) if key else None,
        table,
    )
