"""Rules of the org-unit hierarchy (区域层级): no cycles, no double counting."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bioecon.domain.model import OrgUnit


def hierarchy_cycles(units: Mapping[str, OrgUnit]) -> list[tuple[str, str]]:
    """(code, message) for every unit whose chain of parents loops back on itself.

    A parent missing from ``units`` ends the chain (unknown parents are a reference check).
    """
    problems: list[tuple[str, str]] = []
    for code, unit in units.items():
        seen = {code}
        parent = unit.parent
        while parent is not None and parent in units:
            if parent in seen:
                problems.append((code, f"parent chain loops back to '{parent}'"))
                break
            seen.add(parent)
            parent = units[parent].parent
    return problems


def additive_descendants(code: str, units: Iterable[OrgUnit]) -> set[str]:
    """The units whose own figures add up into ``code``'s total.

    Walks down from ``code`` through additive children only: a non-additive unit (a park
    inside a district) is skipped together with its subtree, because its figures are already
    inside its parent's. ``code`` itself is included.
    """
    children: dict[str, list[OrgUnit]] = {}
    for unit in units:
        if unit.parent is not None:
            children.setdefault(unit.parent, []).append(unit)
    found = {code}
    stack = [code]
    while stack:
        for child in children.get(stack.pop(), []):
            if child.additive and child.code not in found:
                found.add(child.code)
                stack.append(child.code)
    return found
