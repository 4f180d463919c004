"""`bioecon bench web`: median and p95 latency of each page on the demo data, over loopback HTTP."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bioecon.bench.harness import BenchRow, fresh, require_extra, verdict
from bioecon.demo import build_demo
from bioecon.web.app import create_app
from bioecon.web.server import serving

if TYPE_CHECKING:
    import httpx

WEB_PAGES = (
    "/",
    "/plans/changsha-2025",
    "/plans/changsha-2025/text",
    "/indicators/biomedicine_scale?org_unit=430100",
    "/compare",
    "/enterprises",
    "/enterprises?tier=gazelle",
    "/api/plans",
    "/api/plans/changsha-2025/targets",
    "/api/ledger?indicator=biomedicine_scale&org_unit=430100&from=2024-01&to=2025-12",
    "/api/enterprises",
)


def run_web_bench(*, requests: int) -> list[BenchRow]:
    require_extra("httpx", "web")
    import httpx

    with (
        tempfile.TemporaryDirectory() as folder,
        fresh(f"sqlite:///{Path(folder) / 'demo.db'}") as app,
    ):
        build_demo(app)
        with (
            serving(create_app(app, simulated=True)) as base,
            httpx.Client(base_url=base, timeout=30) as client,
        ):
            return [_page(client, path, requests) for path in WEB_PAGES]


def _page(client: httpx.Client, path: str, requests: int) -> BenchRow:
    client.get(path).raise_for_status()  # warm up
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(path).raise_for_status()
        times.append(time.perf_counter() - start)
    times.sort()
    median = statistics.median(times)
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    return BenchRow(
        "sqlite",
        f"{path}  (p95 {p95 * 1000:.0f} ms)",
        median,
        requests,
        "median < 150 ms, p95 < 300 ms",
        verdict(median < 0.150 and p95 < 0.300),
    )
