"""考核 schemes and published results (assessment_scheme, assessment_publication): each kept
as JSON — a scheme as the domain's :class:`Scheme`, a publication as the scheme with every
unit's result, inputs and scores (their working's key and parameters), so a published run
reads back exactly as it was scored. Decimals are kept as text (exact on both backends)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, RowMapping, func, insert, select, update

from bioecon.domain.assessment import (
    Adjustment,
    AssessedUnits,
    EvaluatorGroup,
    Grade,
    InputKind,
    Item,
    Measure,
    NoticeCount,
    Polarity,
    Result,
    Rule,
    Scheme,
    Score,
    ScoringMethod,
    Totals,
)
from bioecon.domain.messages import Message, Param
from bioecon.store import tables as t


@dataclass(frozen=True, slots=True)
class StoredScheme:
    code: str
    name: str
    year: int
    scheme: Scheme
    source: str
    loaded_by: str
    loaded_at: datetime


@dataclass(frozen=True, slots=True)
class StoredRun:
    """A published run's record: the scheme and month, names, results, inputs and scores."""

    scheme: Scheme
    as_of: str
    names: dict[str, str]
    results: tuple[Result, ...]
    inputs: tuple[dict[str, Decimal | None], ...]
    scores: tuple[dict[str, Score], ...]


@dataclass(frozen=True, slots=True)
class StoredPublication:
    scheme_code: str
    year: int
    version: int
    as_of: str
    data_version: int
    published_by: str
    published_at: datetime
    run: StoredRun


# --- schemes --------------------------------------------------------------------------------


def scheme(connection: Connection, code: str) -> StoredScheme | None:
    s = t.assessment_scheme
    row = connection.execute(select(s).where(s.c.code == code)).first()
    return None if row is None else _stored(row._mapping)


def schemes(connection: Connection) -> list[StoredScheme]:
    """Every stored scheme, the latest year first, then by code."""
    s = t.assessment_scheme
    rows = connection.execute(select(s).order_by(s.c.year.desc(), s.c.code))
    return [_stored(r._mapping) for r in rows]


def save_scheme(
    connection: Connection, found: Scheme, *, source: str, by: str, at: datetime
) -> None:
    """Insert the scheme, or replace the stored one of its code."""
    s = t.assessment_scheme
    values = {
        "name": found.name,
        "year": found.year,
        "content": scheme_json(found),
        "source": source,
        "loaded_by": by,
        "loaded_at": at,
    }
    done = connection.execute(update(s).where(s.c.code == found.code).values(**values))
    if not done.rowcount:
        connection.execute(insert(s).values(code=found.code, **values))


def _stored(row: RowMapping) -> StoredScheme:
    return StoredScheme(
        row["code"],
        row["name"],
        row["year"],
        scheme_from_json(row["content"]),
        row["source"],
        row["loaded_by"],
        row["loaded_at"],
    )


# --- publications ---------------------------------------------------------------------------


def next_version(connection: Connection, code: str, year: int) -> int:
    p = t.assessment_publication
    found = connection.execute(
        select(func.max(p.c.version)).where(p.c.scheme_code == code, p.c.year == year)
    ).scalar()
    return int(found or 0) + 1


def add_publication(connection: Connection, published: StoredPublication) -> None:
    connection.execute(
        insert(t.assessment_publication).values(
            scheme_code=published.scheme_code,
            year=published.year,
            version=published.version,
            as_of=published.as_of,
            data_version=published.data_version,
            published_by=published.published_by,
            published_at=published.published_at,
            content=_run_json(published.run),
        )
    )


def publications(connection: Connection, code: str, year: int) -> list[StoredPublication]:
    """The scheme's publications for the year, the latest version first."""
    p = t.assessment_publication
    rows = connection.execute(
        select(p).where(p.c.scheme_code == code, p.c.year == year).order_by(p.c.version.desc())
    )
    return [
        StoredPublication(
            r.scheme_code,
            r.year,
            r.version,
            r.as_of,
            int(r.data_version),
            r.published_by,
            r.published_at,
            _run_from_json(r.content),
        )
        for r in rows
    ]


# --- the JSON of a scheme and of a run ------------------------------------------------------


def _number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value)


def _exact(value: Any) -> Decimal:
    return Decimal(value)


def _rule_json(rule: Rule) -> dict[str, Any]:
    return {
        "method": rule.method.value,
        "weight": _number(rule.weight),
        "polarity": rule.polarity.value,
        "target": _number(rule.target),
        "partial": rule.partial,
        "cap": _number(rule.cap),
        "satisfactory": _number(rule.satisfactory),
        "disallowed": _number(rule.disallowed),
        "floor": _number(rule.floor),
        "zero_below": rule.zero_below,
        "step": _number(rule.step),
        "table": [_number(x) for x in rule.table],
        "per_unit": _number(rule.per_unit),
        "bonus_cap": _number(rule.bonus_cap),
    }


def _rule(data: Mapping[str, Any]) -> Rule:
    return Rule(
        method=ScoringMethod(data["method"]),
        weight=_exact(data["weight"]),
        polarity=Polarity(data["polarity"]),
        target=_decimal(data["target"]),
        partial=bool(data["partial"]),
        cap=_exact(data["cap"]),
        satisfactory=_decimal(data["satisfactory"]),
        disallowed=_decimal(data["disallowed"]),
        floor=_exact(data["floor"]),
        zero_below=bool(data["zero_below"]),
        step=_exact(data["step"]),
        table=tuple(_exact(x) for x in data["table"]),
        per_unit=_exact(data["per_unit"]),
        bonus_cap=_exact(data["bonus_cap"]),
    )


def _item_json(item: Item) -> dict[str, Any]:
    return {
        "key": item.key,
        "name": item.name,
        "source": item.source.value,
        "rule": _rule_json(item.rule),
        "indicator": item.indicator,
        "notice_count": item.notice_count.value if item.notice_count else None,
        "data_set": item.data_set,
        "measure": item.measure.value,
        "sector": item.sector,
        "groups": [[g.name, _number(g.weight)] for g in item.groups],
        "targets": {u: _number(v) for u, v in item.targets.items()} if item.targets else None,
    }


def _item(data: Mapping[str, Any]) -> Item:
    targets = data["targets"]
    return Item(
        key=data["key"],
        name=data["name"],
        source=InputKind(data["source"]),
        rule=_rule(data["rule"]),
        indicator=data["indicator"],
        notice_count=NoticeCount(data["notice_count"]) if data["notice_count"] else None,
        data_set=data["data_set"],
        measure=Measure(data["measure"]),
        sector=data["sector"],
        groups=tuple(EvaluatorGroup(name, _exact(w)) for name, w in data["groups"]),
        targets={u: _exact(v) for u, v in targets.items()} if targets is not None else None,
    )


def scheme_json(found: Scheme) -> dict[str, Any]:
    """The scheme as JSON (every field; decimals as text)."""
    return {
        "code": found.code,
        "name": found.name,
        "year": found.year,
        "plan": found.plan,
        "assesses": found.assesses.value,
        "units": list(found.units),
        "items": [_item_json(i) for i in found.items],
        "grades": [[g.name, _number(g.minimum)] for g in found.totals.grades],
        "bonus_cap": _number(found.totals.bonus_cap),
        "deduction_cap": _number(found.totals.deduction_cap),
        "veto_grade": found.totals.veto_grade,
        "adjustments": [[a.unit, _number(a.points), a.reason] for a in found.adjustments],
        "vetoes": {u: list(r) for u, r in (found.vetoes or {}).items()},
        "qualitative": {
            item: {
                unit: {group: [_number(x) for x in given] for group, given in groups.items()}
                for unit, groups in units.items()
            }
            for item, units in (found.qualitative or {}).items()
        },
    }


def scheme_from_json(data: Mapping[str, Any]) -> Scheme:
    return Scheme(
        code=data["code"],
        name=data["name"],
        year=data["year"],
        plan=data["plan"],
        units=tuple(data["units"]),
        items=tuple(_item(i) for i in data["items"]),
        totals=Totals(
            grades=tuple(Grade(name, _exact(m)) for name, m in data["grades"]),
            bonus_cap=_decimal(data["bonus_cap"]),
            deduction_cap=_decimal(data["deduction_cap"]),
            veto_grade=data["veto_grade"],
        ),
        adjustments=tuple(Adjustment(u, _exact(p), r) for u, p, r in data["adjustments"]),
        vetoes={u: tuple(r) for u, r in data["vetoes"].items()},
        qualitative={
            item: {
                unit: {group: tuple(_exact(x) for x in given) for group, given in groups.items()}
                for unit, groups in units.items()
            }
            for item, units in data["qualitative"].items()
        },
        assesses=AssessedUnits(data.get("assesses", AssessedUnits.ORG_UNITS.value)),
    )


def _param_json(value: Param) -> Any:
    if isinstance(value, str | int):
        return value
    if isinstance(value, Message):
        return {"message": _message_json(value)}
    return {"messages": [_message_json(m) for m in value]}


def _param(data: Any) -> Param:
    if isinstance(data, str | int):
        return data
    if "message" in data:
        return _message(data["message"])
    return tuple(_message(m) for m in data["messages"])


def _message_json(message: Message) -> dict[str, Any]:
    return {"key": message.key, "params": {k: _param_json(v) for k, v in message.params.items()}}


def _message(data: Mapping[str, Any]) -> Message:
    return Message(data["key"], {k: _param(v) for k, v in data["params"].items()})


def _result_json(result: Result) -> dict[str, Any]:
    return {
        "unit": result.unit,
        "items": [_number(x) for x in result.items],
        "bonus": _number(result.bonus),
        "deduction": _number(result.deduction),
        "total": _number(result.total),
        "grade": result.grade,
        "rank": result.rank,
        "vetoed": list(result.vetoed),
    }


def _result(data: Mapping[str, Any]) -> Result:
    return Result(
        unit=data["unit"],
        items=tuple(_exact(x) for x in data["items"]),
        bonus=_exact(data["bonus"]),
        deduction=_exact(data["deduction"]),
        total=_exact(data["total"]),
        grade=data["grade"],
        rank=data["rank"],
        vetoed=tuple(data["vetoed"]),
    )


def _run_json(run: StoredRun) -> dict[str, Any]:
    return {
        "scheme": scheme_json(run.scheme),
        "as_of": run.as_of,
        "names": dict(run.names),
        "results": [_result_json(r) for r in run.results],
        "inputs": [{u: _number(v) for u, v in found.items()} for found in run.inputs],
        "scores": [
            {
                u: {"points": _number(s.points), "working": _message_json(s.working)}
                for u, s in found.items()
            }
            for found in run.scores
        ],
    }


def _run_from_json(data: Mapping[str, Any]) -> StoredRun:
    return StoredRun(
        scheme=scheme_from_json(data["scheme"]),
        as_of=data["as_of"],
        names=dict(data["names"]),
        results=tuple(_result(r) for r in data["results"]),
        inputs=tuple({u: _decimal(v) for u, v in found.items()} for found in data["inputs"]),
        scores=tuple(
            {u: Score(u, _exact(s["points"]), _message(s["working"])) for u, s in found.items()}
            for found in data["scores"]
        ),
    )
