"""The demo's 考核方案 (bioecon/data/demo/assessment/*.yaml, 模拟数据) kept for the assessment
page, each read like any scheme file and loaded through :mod:`bioecon.services.assessment`."""

from __future__ import annotations

from bioecon.app import Bioecon
from bioecon.catalogs import data_file_path
from bioecon.demo_accounts import DEMO_ORIGIN
from bioecon.io.assessment_scheme import read_scheme_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.assessment import load_scheme

SCHEMES = (
    "changsha-districts-2026.yaml",
    "changsha-parks-2026.yaml",
    "changsha-departments-2026.yaml",
    "nanjing-districts-2026.yaml",
)


def build_demo_assessment(app: Bioecon) -> list[str]:
    """Load every demo scheme; return the build log's lines."""
    log: list[str] = []
    for name in SCHEMES:
        with data_file_path(f"demo/assessment/{name}") as path:
            scheme = read_scheme_file(path)
        done = load_scheme(
            app,
            actor=LOCAL_ADMIN,
            origin=DEMO_ORIGIN,
            scheme=scheme,
            source=f"demo/assessment/{name}",
        )
        log.append(f"assessment scheme {scheme.code}: {done}")
    return log
