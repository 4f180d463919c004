"""What loading a platform or an approval file shares: the checks against the database
(keys once per file, org units and enterprises known) and writing only what changed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from typing import TypeVar

from bioecon.app import Bioecon
from bioecon.domain.access import Principal
from bioecon.domain.audit import AuditEntity
from bioecon.domain.known_codes import CodeList
from bioecon.domain.registers import RegisterFile, RegisterLoadReport
from bioecon.errors import InvalidInput, Problem
from bioecon.services._audit import compared, record
from bioecon.services._scope import SHARED, require_manager
from bioecon.store import Connection, orgunits
from bioecon.store import projects as project_store
from bioecon.store.migrate import ensure_current

R = TypeVar("R")
_HOME = "org_unit"  # every register record's org-unit field


Placer = Callable[[Connection, RegisterFile[R]], tuple[list[R], list[Problem]]]


def load_register(
    app: Bioecon,
    parsed: RegisterFile[R],
    *,
    actor: Principal,
    origin: str,
    entity: AuditEntity,
    key: str,
    enterprise: str,
    fetch: Callable[[Connection, Iterable[str]], dict[str, R]],
    save: Callable[[Connection, Sequence[R]], object],
    place: Placer[R] | None = None,
) -> RegisterLoadReport:
    """Insert or update a register's rows by ``key``, all or nothing: keys once per file, org
    units and the ``enterprise`` field's credit codes known; ``place`` completes each record
    (and may find more problems). The caller must manage plans over every org unit a record
    is in or moves to; each created and updated record is recorded as an ``entity`` event."""
    with app.transaction() as connection:
        ensure_current(connection)
        problems = repeated_keys(parsed, key) + unknown_references(
            connection, parsed, org_unit="org_unit", enterprise=enterprise
        )
        records = [row.record for row in parsed.rows]
        if place is not None:
            records, placed = place(connection, parsed)
            problems += placed
        refuse(parsed, problems)
        stored = fetch(connection, (getattr(r, key) for r in records))
        changed = [r for r in records if stored.get(getattr(r, key)) != r]
        homes = [*records, *stored.values()]
        require_manager(connection, actor, [getattr(r, _HOME) or SHARED for r in homes])
        save(connection, changed)
        record(connection, actor, origin, entity, compared(changed, stored, attrgetter(key)))
        created = sum(1 for r in changed if getattr(r, key) not in stored)
        return RegisterLoadReport(
            parsed.source, created, len(changed) - created, len(records) - len(changed)
        )


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
    missing = [(row, code) for row, code in orgs if code not in known_orgs]
    units = orgunits.tree(connection) if missing else {}
    codes = CodeList(units, {code: unit.name for code, unit in units.items()})
    return [
        parsed.problem(row, org_unit, f"未知区域「{code}」（先加载该区域）{codes.hint(code)}")
        for row, code in missing
    ] + [
        parsed.problem(row, enterprise, f"企业名录中没有统一社会信用代码「{code}」")
        for row, code in firms
        if code not in known_firms
    ]


def _values(parsed: RegisterFile[R], field: str) -> list[tuple[int, str]]:
    return [(row, code) for row, named, code in parsed.references if named == field]


def refuse(parsed: RegisterFile[R], problems: Iterable[Problem]) -> None:
    """All or nothing: any problem refuses the whole file, every problem listed by row."""
    found = [*parsed.problems, *problems]
    if found:
        raise InvalidInput(parsed.source, sorted(found, key=_row_of))


def _row_of(problem: Problem) -> int:
    """第3行 类型 → 3 (a problem of the whole file: 0)."""
    number = problem.location.removeprefix("第").split("行", 1)[0]
    return int(number) if number.isdigit() else 0
