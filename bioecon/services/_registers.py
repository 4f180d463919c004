"""What loading a platform or an approval file shares: the checks against the database
(keys once per file, org units and enterprises known) and writing only what changed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from bioecon.domain.registers import RegisterFile
from bioecon.errors import InvalidInput, Problem
from bioecon.store import Connection, orgunits
from bioecon.store import projects as project_store

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class RegisterLoadReport:
    source: str
    created: int
    updated: int
    unchanged: int


def repeated_keys(parsed: RegisterFile[R], key: str) -> list[Problem]:
    """Every row whose key an earlier row of the file already has."""
    first: dict[str, int] = {}
    problems = []
    for row in parsed.rows:
        value = getattr(row.record, key)
        if value in first:
            problems.append(parsed.problem(row.row, key, f"「{value}」与第{first[value]}行重复"))
        first.setdefault(value, row.row)
    return problems


def unknown_references(
    connection: Connection, parsed: RegisterFile[R], *, org_unit: str, enterprise: str
) -> list[Problem]:
    """Rows naming an org unit or a credit code the database does not hold."""
    orgs = _values(parsed, org_unit)
    firms = _values(parsed, enterprise)
    known_orgs = orgunits.existing(connection, (v for _, v in orgs))
    known_firms = project_store.existing_enterprises(connection, (v for _, v in firms))
    return [
        parsed.problem(row, org_unit, f"未知区域「{code}」（先加载该区域）")
        for row, code in orgs
        if code not in known_orgs
    ] + [
        parsed.problem(row, enterprise, f"企业名录中没有统一社会信用代码「{code}」")
        for row, code in firms
        if code not in known_firms
    ]


def _values(parsed: RegisterFile[R], field: str) -> list[tuple[int, str]]:
    found = ((row.row, getattr(row.record, field)) for row in parsed.rows)
    return [(row, value) for row, value in found if value is not None]


def refuse(parsed: RegisterFile[R], problems: Iterable[Problem]) -> None:
    """All or nothing: any problem refuses the whole file, every problem listed by row."""
    found = [*parsed.problems, *problems]
    if found:
        raise InvalidInput(parsed.source, sorted(found, key=_row_of))


def _row_of(problem: Problem) -> int:
    words = problem.location.split(",")[0].split()
    return int(words[1]) if len(words) == 2 and words[1].isdigit() else 0


def save_changed(
    parsed: RegisterFile[R],
    records: Sequence[R],
    *,
    key: str,
    stored: dict[str, R],
    save: Callable[[Sequence[R]], Any],
) -> RegisterLoadReport:
    """Write the records that are new or differ from what is stored; count each kind."""
    changed = [r for r in records if stored.get(getattr(r, key)) != r]
    save(changed)
    created = sum(1 for r in changed if getattr(r, key) not in stored)
    return RegisterLoadReport(
        parsed.source, created, len(changed) - created, len(records) - len(changed)
    )
