"""Platform, approval and key-project indicators counted from their registers, through the
real loaders and the evaluation service, on both backends.

World: city C with district X (and park P inside X); another city O. Plan period 2022–2025,
so the base year is 2021 (base day 2021-12-31). Firm A sits in X, firm B in O.

Platforms (创新平台 unless said):
| code | type            | level      | unit | 认定       | 撤销       |
|------|-----------------|------------|------|------------|------------|
| PL1  | 重点实验室      | provincial | X    | 2021-03-15 |            |
| PL2  | 技术创新中心    | national   | P    | 2022-06-10 |            |
| PL3  | 临床医学研究中心| national   | X    | 2023-09-01 | 2024-05-20 |
| PL4  | 重点实验室      | national   | O    | 2022-01-01 |            |
| PL5  | 孵化器 (carrier)| national   | X    | 2023-02-01 |            |

Approvals (holder A in X unless said):
| number | kind, class    | 批准       | 有效期至   | unit                    |
|--------|----------------|------------|------------|-------------------------|
| A1     | device III     | 2022-05-01 | 2027-04-30 | X (the holder's)        |
| A2     | device II      | 2023-01-01 |            | X                       |
| A3     | device III     | 2020-06-01 | 2025-05-31 | X                       |
| A4     | drug 创新药     | 2023-03-01 |            | O (holder B)            |
| A5     | drug 仿制药     | 2024-02-01 |            | P (written in the file) |
| A6     | device III     | 2024-07-01 | 2024-10-31 | X                       |

Key projects (selected into the library in): K1 X 2022 (10亿元), K2 X 2023 (5.5), K3 P 2024
(2), K4 X 2024 (no investment), K5 O 2024 (100), K6 X never selected (50).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from stdnum.cn.uscc import calc_check_digit

from bioecon.app import Bioecon
from bioecon.domain.model import Project
from bioecon.domain.periods import Period
from bioecon.domain.progress import Evaluation, Status
from bioecon.io.enterprises import read_enterprise_file
from bioecon.io.planfile import read_plan_file
from bioecon.io.registers import APPROVALS, PLATFORMS, read_register_file
from bioecon.messages import render
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.approvals import load_approvals
from bioecon.services.enterprises import load_enterprises
from bioecon.services.evaluation import evaluate_plan
from bioecon.services.plans import load_plan
from bioecon.services.platforms import load_platforms
from bioecon.services.projects import load_projects

ORIGIN = "test"


def uscc(n: int) -> str:
    body = f"91430100{n:08d}X"[:17]
    return body + calc_check_digit(body)


A, B = uscc(1), uscc(2)


def indicator(code: str, unit: str, nature: str = "stock", basis: str = "period_end") -> str:
    return f"  - {{code: {code}, name: {code}, unit: {unit}, nature: {nature}, basis: {basis}}}\n"


def target(key: str, code: str, kind: str, value: int, unit: str) -> str:
    return (
        f"  - {{key: {key}, metric: {key}, indicator: {code}, kind: {kind}, op: '>=',"
        f" value: {value}, unit: {unit}, deadline_year: 2025}}\n"
    )


PLAN = (
    "plan: {code: counted, title: 计数测试, region: C, horizon: {start: 2022, end: 2025}}\n"
    "org_units:\n"
    "  - {code: C, name: 城市, level: city}\n"
    "  - {code: X, name: 甲区, level: district, parent: C}\n"
    "  - {code: P, name: 园区, level: park, parent: X}\n"
    "  - {code: O, name: 他市, level: city}\n"
    "indicators:\n"
    + indicator("platform.innovation_national", "个")
    + indicator("platform.innovation_national_provincial", "个")
    + indicator("platform.incubator_accelerator", "家")
    + indicator("approval.device_class3", "件")
    + indicator("approval.drug", "个")
    + indicator("project.key_selected", "个", "flow", "ytd")
    + indicator("project.key_count", "个")
    + indicator("project.key_investment", "亿元")
    + "targets:\n"
    + target("NAT_NEW", "platform.innovation_national", "increment", 3, "个")
    + target("NAT", "platform.innovation_national", "level", 4, "个")
    + target("NP_NEW", "platform.innovation_national_provincial", "increment", 4, "个")
    + target("INC_NEW", "platform.incubator_accelerator", "increment", 2, "家")
    + target("DEV3_NEW", "approval.device_class3", "increment", 20, "件")
    + target("DEV3", "approval.device_class3", "level", 5, "件")
    + target("DRUG_NEW", "approval.drug", "increment", 30, "个")
    + target("SELECTED", "project.key_selected", "recurring", 30, "个")
    + target("LIBRARY", "project.key_count", "level", 10, "个")
    + target("LIBRARY_NEW", "project.key_count", "increment", 8, "个")
    + target("INVESTED", "project.key_investment", "level", 40, "亿元")
)

PLATFORM_FILE = """\
平台代码,平台名称,类型,级别,依托单位统一社会信用代码,所在区域,认定日期,认定文件,状态,撤销日期
PL1,甲省重点实验室,省重点实验室,省级,{A},X,2021-03-15,省科技厅〔2021〕3号,有效,
PL2,甲技术创新中心,技术创新中心,国家级,,P,2022-06-10,,有效,
PL3,甲临床医学研究中心,临床医学研究中心,国家,,X,2023-09-01,,撤销,2024-05-20
PL4,他市重点实验室,重点实验室,国家级,{B},O,2022-01-01,,,
PL5,甲孵化器,科技企业孵化器,国家级,,X,2023-02-01,,,
"""

APPROVAL_FILE = """\
批准文号,产品名称,类别,分类,持有人统一社会信用代码,所在区域,批准日期,有效期至
国械注准20223130001,支架,医疗器械注册证,第三类,{A},,2022-05-01,2027-04-30
湘械注准20232020001,试剂,医疗器械注册证,II,{A},,2023-01-01,
国械注准20203130002,导管,医疗器械注册证,III,{A},,2020-06-01,2025-05-31
国药准字H20230001,他市新药,药品注册证书,创新药,{B},,2023-03-01,
国药准字H20240002,仿制药,药品注册证书,仿制药,{A},P,2024-02-01,
国械注准20243130003,短期器械,医疗器械注册证,III,{A},,2024-07-01,2024-10-31
"""

PROJECTS = [
    Project("K1", "一", org_unit="X", total_investment=Decimal(10), selected_year=2022),
    Project("K2", "二", org_unit="X", total_investment=Decimal("5.5"), selected_year=2023),
    Project("K3", "三", org_unit="P", total_investment=Decimal(2), selected_year=2024),
    Project("K4", "四", org_unit="X", selected_year=2024),
    Project("K5", "五", org_unit="O", total_investment=Decimal(100), selected_year=2024),
    Project("K6", "六", org_unit="X", total_investment=Decimal(50)),
]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text.replace("{A}", A).replace("{B}", B), encoding="utf-8")
    return path


@pytest.fixture
def counted(app: Bioecon, tmp_path: Path) -> Bioecon:
    parsed = read_plan_file(write(tmp_path, "counted.plan.yaml", PLAN))
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    firms = write(tmp_path, "firms.csv", f"统一社会信用代码,企业名称,区域\n{A},甲,X\n{B},乙,O\n")
    load_enterprises(app, actor=LOCAL_ADMIN, origin="test", parsed=read_enterprise_file(firms))
    platforms = write(tmp_path, "platforms.csv", PLATFORM_FILE)
    load_platforms(
        app, actor=LOCAL_ADMIN, origin=ORIGIN, parsed=read_register_file(platforms, PLATFORMS)
    )
    approvals = write(tmp_path, "approvals.csv", APPROVAL_FILE)
    load_approvals(
        app, actor=LOCAL_ADMIN, origin=ORIGIN, parsed=read_register_file(approvals, APPROVALS)
    )
    load_projects(app, actor=LOCAL_ADMIN, projects=PROJECTS, source="test", origin=ORIGIN)
    return app


def by_key(app: Bioecon, as_of: str) -> dict[str, Evaluation]:
    return {
        e.target.key: e.evaluation
        for e in evaluate_plan(app, actor=LOCAL_ADMIN, plan="counted", as_of=Period.parse(as_of))
    }


def test_platforms_are_counted_at_a_date_and_since_the_base_year(counted: Bioecon) -> None:
    found = by_key(counted, "2024-12")
    # national innovation platforms in C's subtree valid on 2024-12-31: PL2 (park P is in X);
    # PL3 was revoked on 2024-05-20, PL4 is in another city, PL5 is a carrier → 1
    assert (found["NAT"].actual, found["NAT"].actual_period) == (Decimal(1), "2024-12")
    # base 2021-12-31: no national innovation platform yet (PL1 is provincial) → 0, so
    # 进度 (1 − 0) / (4 − 0) = 25 %
    assert found["NAT"].progress == pytest.approx(25.0)
    # increment: approved after 2021-12-31 and valid on 2024-12-31 → PL2 → 1, against 0:
    # 1 / 3 = 33.3 %
    assert found["NAT_NEW"].actual == Decimal(1)
    assert found["NAT_NEW"].progress == pytest.approx(100 / 3)
    assert "计2021年末以后认定的平台" in render(found["NAT_NEW"].explanation)
    assert "不计已撤销或已过有效期的" in render(found["NAT_NEW"].explanation)
    # national and provincial: PL1 (2021-03, before the base day, not new) and PL2 → 1 new
    assert found["NP_NEW"].actual == Decimal(1)
    # incubators and accelerators: PL5 (科技企业孵化器 is the alias of 孵化器) → 1
    assert found["INC_NEW"].actual == Decimal(1)
    # on 2023-12-31 PL3 was still valid: PL2 and PL3 → 2 national innovation platforms
    assert by_key(counted, "2023-12")["NAT"].actual == Decimal(2)


def test_approvals_count_while_valid_and_take_the_holders_org_unit(counted: Bioecon) -> None:
    found = by_key(counted, "2024-12")
    # class III valid on 2024-12-31 in C: A1 (to 2027-04-30), A3 (to 2025-05-31); A6 lapsed
    # on 2024-10-31 → 2; base 2021-12-31: A3 → 1; 进度 (2 − 1) / (5 − 1) = 25 %
    assert found["DEV3"].actual == Decimal(2)
    assert found["DEV3"].progress == pytest.approx(25.0)
    # new since 2021: A1 only (A3 was granted in 2020, A6 has lapsed) → 1
    assert found["DEV3_NEW"].actual == Decimal(1)
    assert "计2021年末以后批准的产品注册证书与批文" in render(found["DEV3_NEW"].explanation)
    # drugs: A5 (its file names park P) → 1; A4 is held by B in O
    assert found["DRUG_NEW"].actual == Decimal(1)
    # 2024-09-30: A6 still valid → A1, A6 new → 2
    assert by_key(counted, "2024-09")["DEV3_NEW"].actual == Decimal(2)
    # 2025-06-30: A3 lapsed on 2025-05-31 → A1 → 1
    assert by_key(counted, "2025-06")["DEV3"].actual == Decimal(1)


def test_key_projects_are_counted_by_their_selection_year(counted: Bioecon) -> None:
    found = by_key(counted, "2024-12")
    # 每年遴选: selected in 2024 in C: K3 (P), K4 → 2 of the yearly 30 (K5 is in O)
    assert found["SELECTED"].actual == Decimal(2)
    assert "计2024年内入库的重点项目" in render(found["SELECTED"].explanation)
    # in the library at the end of 2024: K1–K4 → 4 (K6 was never selected); base 2021: none,
    # so 进度 (4 − 0) / (10 − 0) = 40 %
    assert found["LIBRARY"].actual == Decimal(4)
    assert found["LIBRARY"].progress == pytest.approx(40.0)
    # selected after 2021: K1–K4 → 4, 4 of 8 = 50 %
    assert found["LIBRARY_NEW"].actual == Decimal(4)
    assert found["LIBRARY_NEW"].completion_rate == pytest.approx(50.0)
    # their planned investment: 10 + 5.5 + 2 (K4 has none) = 17.5 亿元
    assert found["INVESTED"].actual == Decimal("17.5")
    # 2023: selected that year in C: K2 → 1
    assert by_key(counted, "2023-12")["SELECTED"].actual == Decimal(1)


def test_an_empty_register_gives_no_count_and_says_why(app: Bioecon, tmp_path: Path) -> None:
    parsed = read_plan_file(write(tmp_path, "counted.plan.yaml", PLAN))
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    found = by_key(app, "2024-12")["NAT"]
    assert found.actual is None and found.status is Status.NO_DATA
    assert "创新平台与载体名录尚无记录" in render(found.explanation)


def test_a_register_indicator_outside_the_catalogue_says_so(app: Bioecon, tmp_path: Path) -> None:
    plan = PLAN + target("ODD", "platform.no_such", "level", 1, "个")
    plan = plan.replace("indicators:\n", "indicators:\n" + indicator("platform.no_such", "个"))
    parsed = read_plan_file(write(tmp_path, "odd.plan.yaml", plan))
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    found = by_key(app, "2024-12")["ODD"]
    assert found.actual is None and found.status is Status.NO_DATA
    assert "指标platform.no_such不在指标目录中" in render(found.explanation)
