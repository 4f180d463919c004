"""Entries built on submitted (未审核) figures are marked on the indicator page and in the
ledger API, when the setting admits them; the export keeps the status for a reload."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bioecon.app import Bioecon
from bioecon.domain.model import ObservationStatus
from bioecon.domain.periods import Period
from bioecon.io.ledger_output import ledger_csv
from bioecon.io.observations import observations_csv
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.ledger import ledger
from bioecon.services.observations import export_observations
from tests.services.conftest import load_csv
from tests.web_login import admin_client

DATA = (
    "indicator,org_unit,period,value,basis,status\n"
    "rev,D1,2025-01,10,ytd,approved\n"
    "rev,D1,2025-02,25,ytd,submitted\n"
)


def test_the_page_and_the_api_mark_unreviewed_entries(world_plan: Bioecon, tmp_path: Path) -> None:
    load_csv(world_plan, tmp_path, DATA)
    with (
        Bioecon(replace(world_plan.settings, ledger_admits_submitted=True)) as admitting,
        admin_client(admitting) as client,
    ):
        page = client.get("/indicators/rev?org_unit=D1&first=2025-01&last=2025-02").text
        api = client.get("/api/ledger?indicator=rev&org_unit=D1&from=2025-01&to=2025-02")
    # February (25 − 10 = 15) rests on the submitted 累计 25; January does not
    assert page.count("未审核</span>") == 1
    assert [r["unreviewed"] for r in api.json()] == [False, True]


def test_the_ledger_csv_marks_unreviewed_entries(world_plan: Bioecon, tmp_path: Path) -> None:
    load_csv(world_plan, tmp_path, DATA)
    with Bioecon(replace(world_plan.settings, ledger_admits_submitted=True)) as admitting:
        entries = ledger(
            admitting,
            actor=LOCAL_ADMIN,
            indicator="rev",
            org_units=["D1"],
            first=Period.parse("2025-01"),
            last=Period.parse("2025-02"),
        )
    header, january, february = ledger_csv(entries).splitlines()
    columns = header.split(",")
    flag = columns.index("unreviewed")
    # January rests on approved 10 only; February's 15 (= 25 − 10) on the submitted 累计 25
    assert january.split(",")[flag] == ""
    assert february.split(",")[flag] == "未审核"


def test_the_export_keeps_the_status(world_plan: Bioecon, tmp_path: Path) -> None:
    load_csv(world_plan, tmp_path, DATA)
    exported = export_observations(
        world_plan, indicator="rev", first=Period.month(2025, 1), last=Period.month(2025, 2)
    )
    assert [o.status for o in exported] == [ObservationStatus.APPROVED, ObservationStatus.SUBMITTED]
    assert observations_csv(exported).splitlines()[2].split(",")[6] == "submitted"
