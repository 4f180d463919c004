"""The clause register file (政策条款库, ``*.yaml``) the office edits: every clause with its
issuer, document, article, validity, linked plan targets, conditions and award formula as
data (docs/policies.md). Read all or nothing: every problem is named by its line and field
(``第12行 clauses[0].formula.rate: 「abc」不是数``) and a file with any problem is refused."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from bioecon.domain.funds import Fund, FundInvestment
from bioecon.domain.policies import Clause
from bioecon.domain.policy_formulas import (
    NUMERIC_COMPARISONS,
    NUMERIC_FIELDS,
    Combine,
    Comparison,
    Condition,
    Eligibility,
    FactField,
    Formula,
    FormulaKind,
)
from bioecon.errors import InvalidInput, Problem, format_path
from bioecon.io.document_limits import MAX_PLAN_FILE_BYTES
from bioecon.io.yaml_source import YamlPath, read_yaml_file

E = TypeVar("E", bound=StrEnum)
MAX_CLAUSES = 2_000  # a city's register holds some dozens
_CLAUSE_KEYS = frozenset(
    {
        "code",
        "name",
        "issuer",
        "document",
        "article",
        "valid_from",
        "valid_to",
        "org_unit",
        "plan",
        "rule_targets",
        "serves",
        "conditions",
        "formula",
        "year_cap",
        "group",
    }
)
_FORMULA_KEYS = frozenset({"kind", "base", "rate", "cap", "amount", "key", "table"})


class _Reader:
    """Collects the problems of one file, each at its line."""

    def __init__(self, lines: dict[YamlPath, int]) -> None:
        self.lines = lines
        self.problems: list[Problem] = []

    def problem(self, path: YamlPath, message: str) -> None:
        probe = path
        while probe and probe not in self.lines:
            probe = probe[:-1]
        line = self.lines.get(probe)
        where = f"第{line}行 {format_path(path)}" if line else format_path(path)
        self.problems.append(Problem(where, message))

    def text(self, data: Mapping[str, Any], path: YamlPath, key: str, required: bool) -> str | None:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem((*path, key), "必填项缺失")
            return None
        if isinstance(value, (dict, list)):
            self.problem((*path, key), "须是一段文字")
            return None
        return str(value).strip()

    def day(self, data: Mapping[str, Any], path: YamlPath, key: str, required: bool) -> date | None:
        value = data.get(key)
        if value is None:
            if required:
                self.problem((*path, key), "必填项缺失（日期，如 2024-01-01）")
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.problem((*path, key), f"「{value}」不是有效日期（写作 2024-01-01）")
            return None

    def number(self, data: Mapping[str, Any], path: YamlPath, key: str) -> Decimal | None:
        value = data.get(key)
        if value is None:
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.problem((*path, key), f"「{value}」不是数")
            return None
        if isinstance(value, bool) or not number.is_finite() or number < 0:
            self.problem((*path, key), f"「{value}」须是不小于0的数")
            return None
        return number

    def keys(self, data: Mapping[str, Any], path: YamlPath, allowed: frozenset[str]) -> None:
        for key in data:
            if key not in allowed:
                self.problem((*path, str(key)), f"未知字段「{key}」（见 docs/policies.md）")

    def codes(self, data: Mapping[str, Any], path: YamlPath, key: str) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            self.problem((*path, key), "须是目标编号的列表，如 [T12, T13]")
            return ()
        return tuple(str(v) for v in value)

    def enum(self, kind: type[E], value: object, path: YamlPath) -> E | None:
        try:
            return kind(str(value))
        except ValueError:
            allowed = "、".join(member.value for member in kind)
            self.problem(path, f"「{value}」不是可用的值（可用：{allowed}）")
            return None


def read_clause_file(path: Path) -> list[Clause]:
    """The clauses of the register file ``path``, or :class:`InvalidInput` naming every
    problem by line and field."""
    data, lines = read_yaml_file(path, MAX_PLAN_FILE_BYTES)
    reader = _Reader(lines)
    rows = data.get("clauses") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not rows:
        raise InvalidInput(str(path), [Problem("clauses", "文件须有 clauses: 条款列表")])
    if len(rows) > MAX_CLAUSES:
        raise InvalidInput(str(path), [Problem("clauses", f"条款过多（须不超过{MAX_CLAUSES}条）")])
    clauses: list[Clause] = []
    first: dict[str, int] = {}
    for n, row in enumerate(rows):
        where: YamlPath = ("clauses", n)
        if not isinstance(row, dict):
            reader.problem(where, "每一条款须是“字段: 值”的映射")
            continue
        clause = _clause(reader, row, where)
        if clause is None:
            continue
        if clause.code in first:
            reader.problem(
                (*where, "code"), f"条款编号「{clause.code}」与第{first[clause.code]}条重复"
            )
        first.setdefault(clause.code, n + 1)
        clauses.append(clause)
    if reader.problems:
        raise InvalidInput(str(path), reader.problems)
    return clauses


def _clause(reader: _Reader, row: Mapping[str, Any], where: YamlPath) -> Clause | None:
    reader.keys(row, where, _CLAUSE_KEYS)
    before = len(reader.problems)
    code = reader.text(row, where, "code", True)
    name = reader.text(row, where, "name", True)
    issuer = reader.text(row, where, "issuer", True)
    document = reader.text(row, where, "document", True)
    org_unit = reader.text(row, where, "org_unit", True)
    valid_from = reader.day(row, where, "valid_from", True)
    valid_to = reader.day(row, where, "valid_to", False)
    if valid_from and valid_to and valid_to < valid_from:
        reader.problem((*where, "valid_to"), f"有效期止 {valid_to} 早于起 {valid_from}")
    eligibility = _eligibility(reader, row.get("conditions"), (*where, "conditions"))
    formula = _formula(reader, row.get("formula"), (*where, "formula"))
    year_cap = reader.number(row, where, "year_cap")
    if len(reader.problems) > before or None in (code, name, issuer, document, org_unit):
        return None
    assert code and name and issuer and document and org_unit and valid_from
    assert eligibility is not None and formula is not None
    return Clause(
        code,
        name,
        issuer,
        document,
        reader.text(row, where, "article", False),
        valid_from,
        valid_to,
        org_unit,
        reader.text(row, where, "plan", False),
        reader.codes(row, where, "rule_targets"),
        reader.codes(row, where, "serves"),
        eligibility,
        formula,
        year_cap,
        reader.text(row, where, "group", False),
    )


def _eligibility(reader: _Reader, data: object, where: YamlPath) -> Eligibility | None:
    """``conditions: {all: [...]}`` or ``{any: [...]}`` (absent: no condition)."""
    if data is None:
        return Eligibility(Combine.ALL, ())
    if not isinstance(data, dict) or len(data) != 1:
        reader.problem(where, "须写作 all: [条件…] 或 any: [条件…]")
        return None
    ((combine_text, rows),) = data.items()
    combine = reader.enum(Combine, combine_text, (*where, str(combine_text)))
    if not isinstance(rows, list):
        reader.problem((*where, str(combine_text)), "须是条件列表")
        return None
    conditions = [
        _condition(reader, row, (*where, str(combine_text), n)) for n, row in enumerate(rows)
    ]
    if combine is None or any(c is None for c in conditions):
        return None
    return Eligibility(combine, tuple(c for c in conditions if c is not None))


def _condition(reader: _Reader, row: object, where: YamlPath) -> Condition | None:
    if not isinstance(row, dict):
        reader.problem(where, "条件须写作 {field: …, op: …, value: …}")
        return None
    reader.keys(row, where, frozenset({"field", "op", "value"}))
    field = reader.enum(FactField, row.get("field"), (*where, "field"))
    op = reader.enum(Comparison, row.get("op"), (*where, "op"))
    value = row.get("value")
    if value is None or isinstance(value, (dict, list)):
        reader.problem((*where, "value"), "必填项缺失（一个数或一段文字）")
        return None
    if field is None or op is None:
        return None
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    numeric = field in NUMERIC_FIELDS
    if op in NUMERIC_COMPARISONS and not numeric:
        reader.problem((*where, "op"), f"{field.value} 不是数值字段，不能用 {op.value}")
    elif op is Comparison.HAS and field is not FactField.FLAG:
        reader.problem((*where, "op"), "has 只用于 flag（资质标识）")
    elif field is FactField.FLAG and op is not Comparison.HAS:
        reader.problem((*where, "op"), "flag（资质标识）只能用 has")
    elif numeric and not _is_number(text, integral=field is FactField.EMPLOYEES):
        kind = "整数" if field is FactField.EMPLOYEES else "数"
        reader.problem((*where, "value"), f"「{text}」不是{kind}")
    else:
        return Condition(field, op, text)
    return None


def _is_number(text: str, *, integral: bool) -> bool:
    try:
        number = Decimal(text)
    except InvalidOperation:
        return False
    return number.is_finite() and (not integral or number == number.to_integral_value())


def _formula(reader: _Reader, data: object, where: YamlPath) -> Formula | None:
    if not isinstance(data, dict):
        reader.problem(where, "必填项缺失（kind: rate、fixed 或 table）")
        return None
    reader.keys(data, where, _FORMULA_KEYS)
    kind = reader.enum(FormulaKind, data.get("kind"), (*where, "kind"))
    if kind is FormulaKind.FIXED:
        amount = reader.number(data, where, "amount")
        if amount is None:
            reader.problem((*where, "amount"), "fixed 须写金额 amount（万元）")
            return None
        return Formula(kind, amount=amount)
    if kind is FormulaKind.RATE:
        return _rate(reader, data, where)
    if kind is FormulaKind.TABLE:
        return _table(reader, data, where)
    return None


def _rate(reader: _Reader, data: Mapping[str, Any], where: YamlPath) -> Formula | None:
    base = reader.enum(FactField, data.get("base"), (*where, "base"))
    rate = reader.number(data, where, "rate")
    cap = reader.number(data, where, "cap")
    if base is not None and base not in NUMERIC_FIELDS:
        reader.problem((*where, "base"), f"{base.value} 不是数值字段，不能作计算基数")
        return None
    if rate is None:
        reader.problem((*where, "rate"), "rate 须写比例（如 0.15）")
        return None
    if rate > 1:
        reader.problem((*where, "rate"), f"比例 {rate} 大于1：写作小数（15% 写 0.15）")
        return None
    return None if base is None else Formula(FormulaKind.RATE, base=base, rate=rate, cap=cap)


def _table(reader: _Reader, data: Mapping[str, Any], where: YamlPath) -> Formula | None:
    key = reader.enum(FactField, data.get("key"), (*where, "key"))
    rows = data.get("table")
    if not isinstance(rows, dict) or not rows:
        reader.problem((*where, "table"), "table 须写“等级: 金额”的映射")
        return None
    amounts = [(str(name), reader.number(rows, (*where, "table"), name)) for name in rows]
    if key is None or any(amount is None for _, amount in amounts):
        return None
    table = tuple((name, amount) for name, amount in amounts if amount is not None)
    return Formula(FormulaKind.TABLE, key=key, table=table)


# --- the fund register (引导基金) ------------------------------------------------------------

_FUND_KEYS = frozenset(
    {
        "code",
        "name",
        "manager",
        "org_unit",
        "established_on",
        "size",
        "committed",
        "paid_in",
        "reinvest_required",
        "investments",
    }
)
_INVESTMENT_KEYS = frozenset(
    {"enterprise", "project", "invested_on", "amount", "exited_on", "exit_amount"}
)


def read_fund_file(path: Path) -> tuple[list[Fund], list[FundInvestment]]:
    """The funds of the register file ``path`` and their investments (``local`` is decided by
    the service), or :class:`InvalidInput` naming every problem by line and field."""
    data, lines = read_yaml_file(path, MAX_PLAN_FILE_BYTES)
    reader = _Reader(lines)
    rows = data.get("funds") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not rows or len(rows) > MAX_CLAUSES:
        raise InvalidInput(str(path), [Problem("funds", "文件须有 funds: 基金列表")])
    funds: list[Fund] = []
    investments: list[FundInvestment] = []
    for n, row in enumerate(rows):
        where: YamlPath = ("funds", n)
        if not isinstance(row, dict):
            reader.problem(where, "每只基金须是“字段: 值”的映射")
            continue
        fund = _fund(reader, row, where)
        items = row.get("investments") or []
        if not isinstance(items, list):
            reader.problem((*where, "investments"), "须是投资列表")
            continue
        for k, item in enumerate(items):
            found = _investment(reader, item, (*where, "investments", k), fund)
            if found is not None:
                investments.append(found)
        if fund is not None:
            funds.append(fund)
    if len({f.code for f in funds}) != len(funds):
        reader.problem(("funds",), "基金代码重复")
    if reader.problems:
        raise InvalidInput(str(path), reader.problems)
    return funds, investments


def _fund(reader: _Reader, row: Mapping[str, Any], where: YamlPath) -> Fund | None:
    reader.keys(row, where, _FUND_KEYS)
    before = len(reader.problems)
    texts = [reader.text(row, where, key, True) for key in ("code", "name", "manager", "org_unit")]
    established = reader.day(row, where, "established_on", True)
    amounts = [reader.number(row, where, key) for key in ("size", "committed", "paid_in")]
    for key, amount in zip(("size", "committed", "paid_in"), amounts, strict=True):
        if amount is None and key in row:
            continue
        if amount is None:
            reader.problem((*where, key), "必填项缺失（万元）")
    size, committed, paid_in = amounts
    if size is not None and committed is not None and committed > size:
        reader.problem((*where, "committed"), f"已认缴 {committed} 超过基金规模 {size}")
    if committed is not None and paid_in is not None and paid_in > committed:
        reader.problem((*where, "paid_in"), f"已实缴 {paid_in} 超过已认缴 {committed}")
    required = reader.number(row, where, "reinvest_required")
    if len(reader.problems) > before:
        return None
    code, name, manager, org_unit = texts
    assert code and name and manager and org_unit and established
    assert size is not None and committed is not None and paid_in is not None
    return Fund(code, name, manager, org_unit, established, size, committed, paid_in, required)


def _investment(
    reader: _Reader, item: object, where: YamlPath, fund: Fund | None
) -> FundInvestment | None:
    if not isinstance(item, dict):
        reader.problem(where, "每笔投资须写作 {enterprise: …, invested_on: …, amount: …}")
        return None
    reader.keys(item, where, _INVESTMENT_KEYS)
    before = len(reader.problems)
    enterprise = reader.text(item, where, "enterprise", True)
    invested_on = reader.day(item, where, "invested_on", True)
    amount = reader.number(item, where, "amount")
    if amount is None and "amount" not in item:
        reader.problem((*where, "amount"), "必填项缺失（万元）")
    exited_on = reader.day(item, where, "exited_on", False)
    exit_amount = reader.number(item, where, "exit_amount")
    if (exited_on is None) != (exit_amount is None):
        reader.problem(where, "退出须同时写 exited_on 和 exit_amount")
    if exited_on and invested_on and exited_on < invested_on:
        reader.problem((*where, "exited_on"), f"退出日期 {exited_on} 早于投资日期 {invested_on}")
    if len(reader.problems) > before or fund is None:
        return None
    assert enterprise and invested_on and amount is not None
    return FundInvestment(
        fund.code,
        enterprise,
        invested_on,
        amount,
        reader.text(item, where, "project", False),
        exited_on,
        exit_amount,
    )
