"""`bioecon bench extract`: extraction speed on one core over plan text (the seeds repeated)."""

from __future__ import annotations

from bioecon.bench.harness import BenchRow, timed, verdict
from bioecon.catalogs import seed_texts
from bioecon.extract.targets import extract_targets
from bioecon.extract.tasks import extract_tasks


def seed_corpus() -> str:
    """The five seed plan texts, one after another."""
    return "\n".join(seed_texts().values())


def run_extract_bench(*, megabytes: float) -> list[BenchRow]:
    corpus = seed_corpus()
    copies = max(1, int(megabytes * 1_000_000 / len(corpus.encode("utf-8"))) + 1)
    text = "\n".join([corpus] * copies)
    size = len(text.encode("utf-8")) / 1_000_000
    (targets, tasks), seconds = timed(lambda: (extract_targets(text), extract_tasks(text)))
    rate = size / seconds
    return [
        BenchRow(
            "python",
            f"extract targets and tasks from {size:.2f} MB ({len(targets)} targets, {len(tasks)} tasks)",
            seconds,
            len(targets) + len(tasks),
            "≥ 1 MB/s",
            verdict(rate >= 1) + f" ({rate:.2f} MB/s)",
        )
    ]
