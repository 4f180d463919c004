"""Enterprise registry use cases: load (merge by credit code), export, classify."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from bioecon.app import Bioecon
from bioecon.classify.classifier import Classifier
from bioecon.classify.tables import ClassificationTables
from bioecon.domain.enterprise_input import (
    Change,
    EnterpriseFile,
    EnterpriseRow,
    merge_rows,
    merge_years,
)
from bioecon.domain.model import Enterprise, EnterpriseYear
from bioecon.errors import InvalidInput, Problem
from bioecon.runtime import collector_paused
from bioecon.store import enterprises as store
from bioecon.store.maintenance import refresh_statistics
from bioecon.store.migrate import ensure_current


@dataclass(frozen=True, slots=True)
class EnterpriseLoadReport:
    source: str
    created: int
    updated: int
    unchanged: int
    years: int
    changes: tuple[Change, ...]
    warnings: tuple[Problem, ...]


def load_enterprises(app: Bioecon, *, parsed: EnterpriseFile) -> EnterpriseLoadReport:
    """Merge the file into the registry by credit code, all or nothing."""
    with collector_paused():
        groups: dict[str, list[EnterpriseRow]] = defaultdict(list)
        for row in parsed.rows:
            groups[row.uscc].append(row)
        with app.transaction() as connection:
            ensure_current(connection)
            problems = list(parsed.problems)
            org_ids = store.org_unit_ids(connection, {code for _, code in parsed.org_references})
            problems += [
                Problem(f"row {row}, column org_unit", f"unknown org unit '{code}'")
                for row, code in parsed.org_references
                if code not in org_ids
            ]
            stored = store.fetch(connection, groups)
            merged: list[
                tuple[Enterprise, list[EnterpriseYear], store.StoredEnterprise | None]
            ] = []
            changes: list[Change] = []
            for uscc, rows in groups.items():
                existing = stored.get(uscc)
                enterprise, changed, conflicts = merge_rows(
                    uscc, rows, existing.enterprise if existing else None
                )
                years, repeats = merge_years(uscc, rows, existing.years if existing else {})
                problems += conflicts + repeats
                changes += changed
                merged.append((enterprise, years, existing))
            if problems:
                raise InvalidInput(parsed.source, sorted(problems, key=_row_of))
            kept = {e.org_unit for e, _, _ in merged if e.org_unit and e.org_unit not in org_ids}
            org_ids |= store.org_unit_ids(connection, kept)
            created = updated = unchanged = years_written = 0
            new = [
                (enterprise, years) for enterprise, years, existing in merged if existing is None
            ]
            store.insert_new(connection, new, org_ids)
            created = len(new)
            years_written = sum(len(years) for _, years in new)
            for enterprise, years, existing in merged:
                if existing is None:
                    continue
                years_written += len(years)
                if existing.enterprise != enterprise or any(
                    existing.years.get(y.year) != y for y in years
                ):
                    store.save(connection, enterprise, years, existing=existing, org_ids=org_ids)
                    updated += 1
                else:
                    unchanged += 1
            if created + years_written >= 5_000:
                refresh_statistics(connection, ("enterprise", "enterprise_year", "enterprise_flag"))
            return EnterpriseLoadReport(
                parsed.source,
                created,
                updated,
                unchanged,
                years_written,
                tuple(changes),
                parsed.warnings,
            )


def _row_of(problem: Problem) -> int:
    head = problem.location.split(",")[0]
    return int(head[4:]) if head.startswith("row ") and head[4:].isdigit() else 0


def export_enterprises(app: Bioecon) -> list[tuple[Enterprise, list[EnterpriseYear]]]:
    with app.reading() as connection:
        ensure_current(connection)
        found = store.fetch(connection, store.all_codes(connection))
    return [
        (found[c].enterprise, [found[c].years[y] for y in sorted(found[c].years)])
        for c in sorted(found)
    ]


@dataclass(frozen=True, slots=True)
class ClassifyReport:
    enterprises: int
    classified: int
    changed: int


def classify_registry(app: Bioecon, *, tables: ClassificationTables) -> ClassifyReport:
    """Classify every enterprise in the registry and store the result with the table used."""
    classifier = Classifier(tables)
    with app.transaction() as connection:
        ensure_current(connection)
        updates = []
        classified = changed = 0
        inputs = store.classification_inputs(connection)
        for enterprise_id, code, scope, current, table in inputs:
            result = classifier.classify(code, scope)
            classified += result.category is not None
            changed += result.category != current or table != tables.mapping_source
            updates.append(
                {
                    "row_id": enterprise_id,
                    "category": result.category,
                    "basis": result.basis,
                    "matched": result.matched[:300],
                    "table": tables.mapping_source,
                }
            )
        store.store_classifications(connection, updates)
    return ClassifyReport(len(inputs), classified, changed)
