"""A small world for ledger and evaluation tests, built through the services.

C 城市 (city)
├── D1 一区 (district, additive)
│   └── P 园区 (park, NOT additive: its firms are already in D1)
└── D2 二区 (district, additive; reports nothing itself)
    └── T 街道 (town, additive)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.domain.model import ObservationStatus
from bioecon.io.observations import read_observation_file
from bioecon.io.planfile import read_plan_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.observations import load_observations
from bioecon.services.plans import load_plan

WORLD_PLAN = """\
plan: {code: world, title: 测试计划, region: C, horizon: {start: 2024, end: 2026}}
org_units:
  - {code: C, name: 城市, level: city}
  - {code: D1, name: 一区, level: district, parent: C}
  - {code: D2, name: 二区, level: district, parent: C}
  - {code: P, name: 园区, level: park, parent: D1}
  - {code: T, name: 街道, level: town, parent: D2}
indicators:
  - {code: rev, name: 营业收入, unit: 亿元, nature: flow, basis: ytd}
  - {code: firms, name: 企业数, unit: 家, nature: stock, basis: period_end}
  - {code: share, name: 占比, unit: "%", nature: stock, basis: period_end, aggregation: none}
  - {code: sect, name: 分行业营业收入, unit: 亿元, nature: flow, basis: ytd}
"""

WORLD_DATA = """\
indicator,org_unit,period,value,basis,sector
rev,C,2023-03,50,ytd,
rev,D1,2024-01,10,ytd,
rev,D1,2024-02,25,ytd,
rev,D1,2024-03,45,ytd,
rev,D1,2025-01,12,ytd,
rev,D1,2025-02,30,ytd,
rev,D1,2025-03,54,ytd,
rev,T,2024-01,5,month_value,
rev,T,2024-02,5,month_value,
rev,T,2024-03,6,month_value,
rev,T,2025-01,6,month_value,
rev,T,2025-02,7,month_value,
rev,T,2025-03,8,month_value,
rev,T,2025-04,9,month_value,
rev,P,2025-01,100,ytd,
rev,P,2025-03,300,ytd,
firms,D1,2025-03,10,period_end,
firms,T,2025-03,4,period_end,
firms,P,2024-03,0,period_end,
firms,P,2025-03,3,period_end,
share,D1,2025-03,30.5,period_end,
sect,D1,2025-01,7,ytd,4.1
sect,D1,2025-01,5,ytd,4.2
sect,D1,2025-01,3,ytd,4.1.1
sect,D1,2025-02,9,ytd,4.1
"""


@pytest.fixture
def world_plan(app: Bioecon, tmp_path: Path) -> Bioecon:
    """The world's org units and indicators, no data."""
    plan = tmp_path / "world.yaml"
    plan.write_text(WORLD_PLAN, encoding="utf-8")
    parsed = read_plan_file(plan)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    return app


def load_csv(app: Bioecon, folder: Path, text: str, name: str = "data.csv") -> None:
    """Loaded as approved (已审核): only reviewed figures enter the ledger."""
    data = folder / name
    data.write_text(text, encoding="utf-8")
    load_observations(
        app,
        actor=LOCAL_ADMIN,
        origin="test",
        parsed=read_observation_file(data),
        status=ObservationStatus.APPROVED,
    )


@pytest.fixture
def world(world_plan: Bioecon, tmp_path: Path) -> Bioecon:
    load_csv(world_plan, tmp_path, WORLD_DATA, "world.csv")
    return world_plan
