"""`bioecon bench web`: requests per second, median and p95 latency of each page on the demo
data under 1, 4, 16 … concurrent clients, over loopback HTTP.

The server is the production command, `bioecon serve --workers N` (`--public`, as the demo
is served: anonymous visitors read), in a process of its own
(with ``cold``, keeping no derived figures, ``BIOECON_FIGURE_CACHE=0``: every request computes
its evaluations and ledger reads, as the first request after any write does)
(a server in the bench's own process would share its interpreter lock with the clients); each
client is a thread with its own connection, sending ``requests`` requests one after another.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from bioecon.bench.harness import BenchRow, fresh, require_extra, verdict
from bioecon.demo import build_demo
from bioecon.web.server import free_port

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
    "/enterprises/91220100000000000E",
    "/indicators",
    "/plans/changsha-2025/projects",
    "/projects/changsha-2025-P00",
    "/plans/changsha-2025/tasks",
    "/units/changsha-2025-RU01",
    "/notices",
    "/policies",
    "/policies/nj-rd-15",
    "/policy-ledger",
    "/policy-funds",
    "/platforms",
    "/approvals",
    "/reports",
    "/api/plans",
    "/api/plans/changsha-2025/targets",
    "/api/ledger?indicator=biomedicine_scale&org_unit=430100&from=2024-01&to=2025-12",
    "/api/enterprises",
)

P95_GOAL = 0.300  # seconds, at every client count (issue #20: at 16 clients)


def run_web_bench(
    *, requests: int, clients: Sequence[int] = (1,), workers: int = 1, cold: bool = False
) -> list[BenchRow]:
    require_extra("httpx", "web")
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'demo.db'}"
        with fresh(url) as app:
            build_demo(app)
        with _server(url, workers, cold=cold) as base:
            return [
                _page(base, path, count, requests, workers, cold=cold)
                for count in clients
                for path in WEB_PAGES
            ]


@contextmanager
def _server(url: str, workers: int, *, cold: bool) -> Iterator[str]:
    """`bioecon serve --workers N` on a free loopback port until the block ends; ``cold``:
    keeping no derived figures."""
    import httpx

    port = free_port()
    command = Path(sys.executable).with_name("bioecon")
    args = [str(command), "--db", url, "serve", "--simulated", "--public", "--port", str(port)]
    environment = {**os.environ, **({"BIOECON_FIGURE_CACHE": "0"} if cold else {})}
    server = subprocess.Popen([*args, "--workers", str(workers)], env=environment)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/api/plans", timeout=5).raise_for_status()
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("`bioecon serve` did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _page(
    base: str, path: str, clients: int, requests: int, workers: int, *, cold: bool
) -> BenchRow:
    import httpx

    with httpx.Client(base_url=base, timeout=60) as warm:
        warm.get(path).raise_for_status()
    times: list[float] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def client() -> None:
        mine = []
        try:
            with httpx.Client(base_url=base, timeout=60) as session:
                for _ in range(requests):
                    mine.append(_timed_get(session, path))
        except (httpx.HTTPError, OSError) as error:
            failures.append(error)
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    if failures:
        raise RuntimeError(f"{path}: {failures[0]}")
    times.sort()
    median = statistics.median(times)
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    return BenchRow(
        f"sqlite, {workers} worker{'s' if workers > 1 else ''}{', cold' if cold else ''}",
        f"{path}  ×{clients} clients: {len(times) / wall:.1f} req/s, "
        f"p50 {median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms",
        p95,
        len(times),
        "p95 < 300 ms",
        verdict(p95 < P95_GOAL),
    )


def _timed_get(session: httpx.Client, path: str) -> float:
    start = time.perf_counter()
    session.get(path).raise_for_status()
    return time.perf_counter() - start
