"""The joins of a statement's query plan, as the database chose them (SQLite's ``EXPLAIN
QUERY PLAN``, PostgreSQL's ``EXPLAIN (FORMAT JSON)``): what the regression tests read to keep
the checks and the derivation linear (a nested loop that scans a large relation once per outer
row is quadratic; docs/performance.md). Nothing is executed."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, TextClause, text

# PostgreSQL nodes that read every row of their relation each time they run (no index lookup).
_SCANS = {"Seq Scan", "CTE Scan", "WorkTable Scan", "Subquery Scan", "Function Scan"}
_JOINS = {"Nested Loop", "Hash Join", "Merge Join"}


@dataclass(frozen=True, slots=True)
class PlanJoin:
    kind: str  # PostgreSQL's node type; SQLite: 'Nested Loop' (its only join)
    outer: frozenset[str]  # relations read under the outer input (tables, CTEs; SQLite: aliases)
    inner: frozenset[str]
    inner_scans: frozenset[str]  # relations a nested loop reads whole once per outer row


def plan_joins(
    connection: Connection, statement: TextClause, params: Mapping[str, object]
) -> list[PlanJoin]:
    """Every join of the plan the database would run ``statement`` with ``params`` by."""
    explained = text(_prefix(connection) + statement.text).bindparams(
        *statement._bindparams.values()
    )
    rows = connection.execute(explained, dict(params)).all()
    if connection.dialect.name == "sqlite":
        return _sqlite_joins([(int(r[0]), int(r[1]), str(r[3])) for r in rows])
    document = rows[0][0]
    tree = json.loads(document) if isinstance(document, str) else document
    return list(_postgres_joins(tree[0]["Plan"]))


def _prefix(connection: Connection) -> str:
    return (
        "EXPLAIN QUERY PLAN " if connection.dialect.name == "sqlite" else "EXPLAIN (FORMAT JSON) "
    )


def _sqlite_joins(lines: list[tuple[int, int, str]]) -> list[PlanJoin]:
    """SQLite joins by nested loops: the SCAN/SEARCH lines of one parent are its loops, outermost
    first, and a correlated subquery's loops run inside those of its parent. An inner loop that
    is a SCAN, or a SEARCH of an index built for this statement (AUTOMATIC: over a CTE or an
    unindexed column), reads its relation whole (once per outer row, or to build the index)."""
    loops: dict[int, list[str]] = {}
    correlated: dict[int, int] = {}  # subquery line → its parent
    for line, parent, detail in lines:
        if detail.startswith(("SCAN ", "SEARCH ")) and detail != "SCAN CONSTANT ROW":
            loops.setdefault(parent, []).append(detail)
        elif detail.startswith("CORRELATED "):
            correlated[line] = parent
    found = []
    for parent, details in loops.items():
        names = [d.split()[1] for d in details]
        outer = [d.split()[1] for d in loops.get(correlated.get(parent, -1), [])]
        for n in range(0 if outer else 1, len(details)):
            scanned = details[n].startswith("SCAN ") or "AUTOMATIC" in details[n]
            found.append(
                PlanJoin(
                    "Nested Loop",
                    frozenset(outer + names[:n]),
                    frozenset({names[n]}),
                    frozenset({names[n]}) if scanned else frozenset(),
                )
            )
    return found


def _postgres_joins(node: dict[str, Any]) -> Iterator[PlanJoin]:
    children = node.get("Plans", [])
    if node["Node Type"] in _JOINS and len(children) == 2:
        outer, inner = children
        scans = _relations(inner, scans_only=True) if node["Node Type"] == "Nested Loop" else set()
        yield PlanJoin(
            node["Node Type"],
            frozenset(_relations(outer)),
            frozenset(_relations(inner)),
            frozenset(scans),
        )
    for child in children:
        yield from _postgres_joins(child)


def _relations(node: dict[str, Any], *, scans_only: bool = False) -> set[str]:
    own = node.get("Relation Name") or node.get("CTE Name")
    found = {own} if own and (not scans_only or node["Node Type"] in _SCANS) else set()
    for child in node.get("Plans", []):
        # a nested loop's index lookups read a few rows per outer row, not the relation
        found |= _relations(child, scans_only=scans_only)
    return found
