"""A small world for the bulletin: city C with two districts and a park, one monthly
indicator reported by the districts as 1–N月累计, and two yearly targets.

rev (营业收入, 亿元), 累计 by month:      2025-09  2025-10  2026-09  2026-10
    D1 一区                                90      100       99      110
    D2 二区                                45       50       54       60
    C  城市 (their sum)                   135      150      153      170
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.io.planfile import read_plan_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.plans import load_plan
from tests.services.conftest import load_csv  # loads as approved (已审核)

PLAN = """\
plan: {code: city, title: 测试规划, region: C, horizon: {start: 2024, end: 2027}}
org_units:
  - {code: C, name: 城市, level: city}
  - {code: D1, name: 一区, level: district, parent: C}
  - {code: D2, name: 二区, level: district, parent: C}
  - {code: P, name: 园区, level: park, parent: D1}
indicators:
  - {code: rev, name: 营业收入, unit: 亿元, nature: flow, basis: ytd}
targets:
  - {key: T1, metric: 营业收入, subject: 全市, indicator: rev, kind: recurring, op: "~", value: 200, unit: 亿元}
  - {key: T2, metric: 营业收入, subject: 二区, subject_org_unit: D2, indicator: rev, kind: recurring, op: "~", value: 100, unit: 亿元}
"""

DATA = """\
indicator,org_unit,period,value,basis
rev,D1,2025-09,90,ytd
rev,D1,2025-10,100,ytd
rev,D1,2026-09,99,ytd
rev,D1,2026-10,110,ytd
rev,D2,2025-09,45,ytd
rev,D2,2025-10,50,ytd
rev,D2,2026-09,54,ytd
rev,D2,2026-10,60,ytd
"""


@pytest.fixture
def city(app: Bioecon, tmp_path: Path) -> Bioecon:
    path = tmp_path / "city.yaml"
    path.write_text(PLAN, encoding="utf-8")
    parsed = read_plan_file(path)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    load_csv(app, tmp_path, DATA)
    return app
