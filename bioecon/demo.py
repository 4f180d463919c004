"""Builds the demo database from the data shipped in ``bioecon/data/demo`` (模拟数据 where
simulated). Like any importer, it reads files through :mod:`bioecon.io` and writes only
through :mod:`bioecon.services`. Idempotent: building again reuses what is there."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from bioecon.app import Bioecon
from bioecon.domain.model import ObservationStatus
from bioecon.io.observations import read_observation_file
from bioecon.io.planfile import read_plan_file
from bioecon.services.database import database_info, upgrade_database
from bioecon.services.observations import load_observations
from bioecon.services.plans import load_plan

PLAN_FILES = ("changsha.plan.yaml",)
SIMULATED_OBSERVATIONS = ("simulated-observations.csv",)


def demo_folder() -> Path:
    return Path(str(resources.files("bioecon.data").joinpath("demo")))


def build_demo(app: Bioecon) -> list[str]:
    """Migrate, load the demo plans and simulated data; return a log of what was done."""
    log: list[str] = []
    info = upgrade_database(app)
    log.append(f"database {info.url} at schema revision {info.revision}")
    folder = demo_folder()
    for name in PLAN_FILES:
        parsed = read_plan_file(folder / name)
        report = load_plan(app, bundle=parsed.bundle, source=parsed.source, locate=parsed.locate)
        log.append(f"plan {report.code}: {report.outcome}")
    for name in SIMULATED_OBSERVATIONS:
        loaded = load_observations(
            app,
            parsed=read_observation_file(folder / name),
            status=ObservationStatus.APPROVED,
            reported_by="模拟数据 (simulated data)",
        )
        log.append(
            f"模拟数据 {name}: {loaded.inserted} inserted, {loaded.updated} updated, {loaded.unchanged} unchanged"
        )
    counts = database_info(app).row_counts
    log.append(
        "holds: " + ", ".join(f"{table} {rows}" for table, rows in sorted(counts.items()) if rows)
    )
    return log
