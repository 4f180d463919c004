"""`bioecon serve --workers 2`, the production command, on both backends: each worker keeps its
own cache of figures, and a value written elsewhere (here, by the test's own app, as another
worker or the command line would) is in the figures every worker serves next."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from bioecon.app import Bioecon
from bioecon.web.server import free_port
from tests.services.test_evaluation import load, plan_app, rows

__all__ = ["plan_app"]  # the fixture, used by name

FIRMS_2025_06 = "indicator,org_unit,period,value,basis\nfirms,C,2025-06,16,period_end\n"


@pytest.fixture
def served(plan_app: Bioecon) -> Iterator[str]:
    port = free_port()
    command = Path(sys.executable).with_name("bioecon")
    url = plan_app.settings.database_url
    args = [str(command), "--db", url, "serve", "--public", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(args)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # two workers start on a shared machine
        while True:
            try:
                httpx.get(f"{base}/api/plans", timeout=5).raise_for_status()
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, "no server"
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def firms_actuals(base: str) -> set[Decimal]:
    """FIRMS's actual as of 2025-06 in eight answers (both workers answer some of them)."""
    with httpx.Client(base_url=base, timeout=30) as client:
        answers = [
            client.get("/api/plans/eval/targets", params={"as_of": "2025-06"}).json()
            for _ in range(8)
        ]
    return {Decimal(str(t["actual"])) for a in answers for t in a if t["target_id"] == "FIRMS"}


def test_every_worker_serves_a_value_written_after_its_figures_were_kept(
    plan_app: Bioecon, served: str, tmp_path: Path
) -> None:
    load(plan_app, tmp_path, rows().replace("firms,C,2025-06,16,period_end\n", ""))
    # firms: 2023-12 = 10 is the latest count up to 2025-06 (test_evaluation.py)
    assert firms_actuals(served) == {Decimal(10)}
    load(plan_app, tmp_path, FIRMS_2025_06)
    assert firms_actuals(served) == {Decimal(16)}
