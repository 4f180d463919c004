"""The demo's 考核方案 (bioecon/data/demo/assessment/) read and scored on the real demo build,
both backends: every assessed unit is scored, each result item on the ledger's own figure,
and what the demo lacks (projects with an annual plan) scores 0 and says so."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.demo import build_demo
from bioecon.domain.periods import Period
from bioecon.io.assessment_scheme import read_scheme_file
from bioecon.messages import render
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.assessment import assess
from bioecon.services.ledger import ledger
from bioecon.settings import Settings

SCHEMES = Path(__file__).parent.parent / "bioecon" / "data" / "demo" / "assessment"
OCTOBER = Period.month(2026, 10)


@pytest.fixture
def demo(database_url: str) -> Iterator[Bioecon]:
    with Bioecon(Settings(database_url=database_url)) as app:
        build_demo(app, today=date(2026, 12, 1))
        yield app


def test_the_demo_schemes_score_every_unit_on_its_own_figures(demo: Bioecon) -> None:
    parks = assess(
        demo,
        actor=LOCAL_ADMIN,
        scheme=read_scheme_file(SCHEMES / "changsha-parks-2026.yaml"),
        as_of=OCTOBER,
    )
    (entry,) = ledger(
        demo,
        actor=LOCAL_ADMIN,
        indicator="bio_economy_scale",
        org_units=["CS-XJXQ"],
        first=OCTOBER,
        last=OCTOBER,
    )
    assert entry.ytd is not None and parks.inputs[0]["CS-XJXQ"] == entry.ytd
    # 湘江新区's target is 1200 (T10), 浏阳经开区's 800 (T11): its working says so
    assert "/ 1,200 = " in render(parks.scores[0]["CS-XJXQ"].working)
    assert "/ 800 = " in render(parks.scores[0]["CS-LYJK"].working)
    assert {r.unit: r.bonus for r in parks.results} == {"CS-XJXQ": Decimal(2), "CS-LYJK": 0}

    districts = assess(
        demo,
        actor=LOCAL_ADMIN,
        scheme=read_scheme_file(SCHEMES / "changsha-districts-2026.yaml"),
        as_of=OCTOBER,
    )
    assert len(districts.results) == 9
    assert all(value is not None for value in districts.inputs[0].values())
    # the demo gives an annual plan to projects of five districts only (demo_projects.py):
    # 望城、浏阳、宁乡、雨花 have none, so 重点项目按序时推进 scores 0 for want of input
    unplanned = {u for u, value in districts.inputs[1].items() if value is None}
    assert unplanned == {"430111", "430112", "430181", "430182"}
    assert all(render(districts.scores[1][u].working) == "无数据，计0分" for u in unplanned)
    assert {r.unit: (r.bonus, r.deduction) for r in districts.results}["430112"] == (
        Decimal(0),
        Decimal(1),
    )


def test_the_nanjing_scheme_is_loaded_and_scored(demo: Bioecon) -> None:
    from bioecon.services.assessment import stored_scheme

    scheme = stored_scheme(demo, actor=LOCAL_ADMIN, code="nanjing-districts-2026").scheme
    assert scheme == read_scheme_file(SCHEMES / "nanjing-districts-2026.yaml")
    found = assess(demo, actor=LOCAL_ADMIN, scheme=scheme, as_of=Period.month(2026, 10))
    assert len(found.results) == 6
    # 江宁区 320115: its simulated 1—10月 figure over its 220 target, each step in the working
    (entry,) = ledger(
        demo,
        actor=LOCAL_ADMIN,
        indicator="bio_economy_scale",
        org_units=["320115"],
        first=Period.month(2026, 10),
        last=Period.month(2026, 10),
    )
    assert found.inputs[0]["320115"] == entry.ytd
    assert "/ 220 = " in render(found.scores[0]["320115"].working)
    # 工作评价: 0.3 × 94 + 0.4 × 92 + 0.3 × 91 = 28.2 + 36.8 + 27.3 = 92.3 → 92.3 % × 20 = 18.46
    assert found.scores[4]["320115"].points == Decimal("18.46")
    # 重点项目按序时推进 (功效系数法, 满意值 100, 不允许值 50), the scheme's year being the demo's
    # build year: 玄武区 and 雨花台区 each hold one planned project on 序时 (100 % green → (100 −
    # 50) / 50 = 100 % → 15 × (60 % + 40 % × 100 %) = 15); 建邺区's planned project lags (0 % →
    # below 不允许值, floor: 15 × 60 % = 9); the other three hold no project with an annual plan
    assert found.inputs[3] == {
        "320102": Decimal(100),
        "320114": Decimal(100),
        "320105": Decimal(0),
        "320111": None,
        "320113": None,
        "320115": None,
    }
    assert {u: found.scores[3][u].points for u in found.inputs[3]} == {
        "320102": Decimal(15),
        "320114": Decimal(15),
        "320105": Decimal(9),
        "320111": Decimal(0),
        "320113": Decimal(0),
        "320115": Decimal(0),
    }


def test_the_department_scheme_names_its_departments(demo: Bioecon) -> None:
    from bioecon.services.assessment import stored_scheme

    scheme = stored_scheme(demo, actor=LOCAL_ADMIN, code="changsha-departments-2026").scheme
    found = assess(demo, actor=LOCAL_ADMIN, scheme=scheme, as_of=OCTOBER)
    assert found.names["changsha-2025-RU05"] == "市工业和信息化局"
    # 工作评价 of 市工业和信息化局: 0.6 × 85 + 0.4 × 84 = 51 + 33.6 = 84.6 → 84.6 % × 40 = 33.84
    assert found.scores[2]["changsha-2025-RU05"].points == Decimal("33.84")
    # it leads no work item of the plan in the demo: no input, 0, said so
    assert render(found.scores[0]["changsha-2025-RU05"].working) == "无数据，计0分"
