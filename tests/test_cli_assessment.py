"""`bioecon assess` (a scheme file scored), `assess load` (kept for the page) and `assess
publish` (frozen with its data version) through `main` on both backends, in the city world of
tests/services/test_assessment_service.py (D1 94.4 优秀 1st, D2 46 一般 2nd as of 2026-10,
worked there)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.assessment import publications
from bioecon.store import data_version
from tests.services.test_assessment_service import city, scheme_file
from tests.test_cli import run

__all__ = ["city"]  # the fixture, used by name


def test_assess_load_and_publish(
    city: Bioecon, database_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = str(scheme_file(tmp_path))
    db = ("--db", database_url)
    code, out, err = run(capsys, *db, "assess", "--scheme", path, "--as-of", "2026-10")
    assert code == 0, err
    assert "94.4" in out and "优秀" in out
    code, out, err = run(capsys, *db, "assess", "--scheme", path, "--format", "json")
    assert code == 0 and json.loads(out)[0]["unit"] == "D1", err
    assert run(capsys, *db, "assess")[0] == 2  # no scheme: a usage error

    assert run(capsys, *db, "assess", "publish", "city-2026")[0] == 4  # not loaded yet
    code, out, err = run(capsys, *db, "assess", "load", path)
    assert (code, out.strip()) == (0, "scheme city-2026: created"), err
    assert run(capsys, *db, "assess", "load", path)[1].strip() == "scheme city-2026: unchanged"
    with city.reading() as connection:
        version = data_version.current(connection)
    code, out, err = run(capsys, *db, "assess", "publish", "city-2026", "--as-of", "2026-10")
    assert code == 0, err
    assert out.strip() == (
        f"scheme city-2026 2026: published version 1 as of 2026-10 (data version {version})"
    )
    (published,) = publications(city, actor=LOCAL_ADMIN, code="city-2026", year=2026)
    assert [(r.unit, str(r.total), r.grade) for r in published.assessment.results] == [
        ("D1", "94.40", "优秀"),
        ("D2", "46.00", "一般"),
    ]
    code, out, _ = run(capsys, *db, "assess", "publish", "city-2026", "--as-of", "2026-10")
    assert code == 0 and "published version 2" in out
