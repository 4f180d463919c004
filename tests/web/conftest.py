"""The demo database behind the web app, built once per backend for the web tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient  # the fixture's type

from bioecon.app import Bioecon
from bioecon.demo import build_demo
from bioecon.settings import Settings
from tests.web_login import admin_client

BUILD_DAY = date(2026, 1, 15)  # the simulated ledger then runs to 2025-12


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    with Bioecon(Settings(database_url=database_url)) as bioecon:
        build_demo(bioecon, today=BUILD_DAY)
        with admin_client(bioecon, simulated=True) as test_client:
            yield test_client
