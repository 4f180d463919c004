"""`bioecon bench classify`: classification throughput on one core over synthetic
enterprises, and the import speed of an enterprise file into a fresh SQLite file."""

from __future__ import annotations

import gc
import tempfile
from functools import partial
from pathlib import Path

from bioecon.bench.harness import BenchRow, fresh, timed, verdict
from bioecon.bench.synthetic import enterprise_list
from bioecon.classify.classifier import Classifier
from bioecon.classify.tables import load_tables
from bioecon.io.enterprises import read_enterprise_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.enterprises import load_enterprises

Enterprises = list[tuple[str, str, str | None, str]]


def run_classify_bench(*, count: int, import_count: int) -> list[BenchRow]:
    rows, seconds = timed(lambda: enterprise_list(count))
    out = [
        BenchRow("—", f"generate {count} synthetic enterprises", seconds, count, "—", "模拟数据")
    ]
    classifier = Classifier(load_tables())
    classified, seconds = timed(partial(_classify_all, classifier, rows))
    rate = count / seconds
    out.append(
        BenchRow(
            "python",
            f"classification, one core ({classified} bio-economy)",
            seconds,
            count,
            "≥ 100,000/s",
            verdict(rate >= 100_000) + f" ({rate:,.0f}/s)",
        )
    )
    del classifier
    out.append(_import(rows, import_count))
    return out


def _classify_all(classifier: Classifier, rows: Enterprises) -> int:
    return sum(classifier.classify(code, scope).category is not None for _, _, code, scope in rows)


def _import(rows: Enterprises, import_count: int) -> BenchRow:
    """Read, validate, merge and write the first ``import_count`` enterprises as a CSV file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "enterprises.csv"
        lines = ["uscc,name,industry_code,business_scope,year,revenue"]
        lines += [
            f'{u},{name},{code or ""},"{scope}",2025,{1000 + i % 5000}'
            for i, (u, name, code, scope) in enumerate(rows[:import_count])
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        del lines
        rows.clear()  # time the import alone, not this benchmark's own leftovers
        gc.collect()
        with fresh(f"sqlite:///{Path(folder) / 'bench.db'}") as app:
            created, seconds = timed(
                lambda: (
                    load_enterprises(
                        app, actor=LOCAL_ADMIN, origin="bench", parsed=read_enterprise_file(path)
                    ).created
                )
            )
    rate = import_count / seconds
    return BenchRow(
        "sqlite",
        f"import (read, validate, merge, write) of {created} enterprises",
        seconds,
        import_count,
        "≥ 20,000 rows/s",
        verdict(rate >= 20_000) + f" ({rate:,.0f}/s)",
    )
