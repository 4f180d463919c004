"""The caller's scope in every use case, on both backends: users of two sibling districts of
长沙 (岳麓区 430104 and 雨花区 430111) read nothing of each other (a sibling's record is not
found), read-only callers never get the registry's financial fields, a reporter changes no
plan, and each write leaves exactly the audit events expected."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from stdnum.cn.uscc import calc_check_digit

from bioecon.app import Bioecon
from bioecon.domain.access import Principal, Role, Scope
from bioecon.domain.audit import AuditAction, AuditEntity
from bioecon.domain.model import ObservationStatus, Project
from bioecon.domain.periods import Period
from bioecon.errors import Forbidden, NotFound
from bioecon.io.directory_files import read_indicator_file, read_org_unit_file
from bioecon.io.enterprises import read_enterprise_file
from bioecon.io.observations import read_observation_file
from bioecon.io.planfile import read_plan_file
from bioecon.io.registers import APPROVALS, PLATFORMS, read_register_file
from bioecon.services import (
    accounts,
    enterprises,
    evaluation,
    history,
    indicators,
    ledger,
    mapping,
    orgunits,
    plans,
    quality,
)
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.approvals import list_approvals, load_approvals
from bioecon.services.database import database_info
from bioecon.services.observations import load_observations
from bioecon.services.platforms import list_platforms, load_platforms
from bioecon.services.projects import load_projects, plan_projects
from bioecon.services.tiers import tier_report
from bioecon.store import audit

HERE = "cli:test"
YUELU, YUHUA = "430104", "430111"  # 岳麓区, 雨花区: siblings under 长沙市 430100
E_YUELU, E_YUHUA = (
    body + calc_check_digit(body) for body in ("91430104MA4L00001", "91430111MA4L00002")
)

DISTRICT_PLAN = """\
plan: {{code: {code}, title: {title}, region: '{region}', horizon: {{start: 2024, end: 2026}}}}
indicators:
  - {{code: rev, name: 营业收入, unit: 亿元, nature: flow, basis: ytd}}
targets:
  - {{key: LEVEL, metric: 产业规模, indicator: rev, kind: level, op: ">=", value: 200, unit: 亿元, deadline_year: 2026}}
  - {{key: FREE, metric: 生物医药产业规模, value: 100, unit: 亿元, deadline_year: 2026}}
"""
# each district reports January and March: February is missing (a quality finding in each)
DATA = """\
indicator,org_unit,period,value,basis,sector
rev,430104,2025-01,10,ytd,
rev,430104,2025-03,30,ytd,
rev,430111,2025-01,20,ytd,
rev,430111,2025-03,60,ytd,
"""
REGISTRY = f"""\
统一社会信用代码,企业名称,区域,行业代码,经营范围,成立日期,资质标识,年度,营业收入,估值,估值单位
{E_YUELU},岳麓生物,430104,2761,生物药品生产,2012-05-01,,2025,300000,,
{E_YUHUA},雨花生物,430111,2761,生物药品生产,2012-05-01,,2025,400000,,
"""
PLATFORMS_FILE = """\
平台代码,平台名称,类型,级别,依托单位统一社会信用代码,所在区域,认定日期,认定文件,状态,撤销日期,备注
PL-YL,岳麓实验室,重点实验室,省级,,430104,2022-03-01,,有效,,
PL-YH,雨花实验室,重点实验室,省级,,430111,2022-03-01,,有效,,
"""
APPROVALS_FILE = f"""\
批准文号,产品名称,类别,分类,持有人统一社会信用代码,所在区域,批准日期,有效期至,备注
国药准字S20250001,岳麓疫苗,药品注册证书,创新药,{E_YUELU},,2025-03-01,,
国药准字S20250002,雨花疫苗,药品注册证书,创新药,{E_YUHUA},,2025-03-01,,
"""

REPORTER = Principal("yuelu-reporter", Role.REPORTER, Scope(YUELU))
OFFICE = Principal("yuelu-office", Role.PLAN_OFFICE, Scope(YUELU))
VIEWER = Principal("yuelu-viewer", Role.VIEWER, Scope(YUELU))
PUBLIC = Principal("public", Role.VIEWER, Scope())  # serve --public


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _district_plan(folder: Path, code: str, title: str, region: str) -> Path:
    return _write(
        folder, f"{code}.yaml", DISTRICT_PLAN.format(code=code, title=title, region=region)
    )


@pytest.fixture
def districts(app: Bioecon, changsha_plan_file: Path, tmp_path: Path) -> Bioecon:
    """长沙's plan, a plan for each district, their figures, firms, platforms, approvals and
    key projects — one of each in 岳麓区 and one in 雨花区."""
    for path in (
        changsha_plan_file,
        _district_plan(tmp_path, "yuelu-2025", "岳麓区计划", YUELU),
        _district_plan(tmp_path, "yuhua-2025", "雨花区计划", YUHUA),
    ):
        parsed = read_plan_file(path)
        plans.load_plan(
            app, actor=LOCAL_ADMIN, origin=HERE, bundle=parsed.bundle, source=parsed.source
        )
    load_observations(
        app,
        actor=LOCAL_ADMIN,
        origin=HERE,
        parsed=read_observation_file(_write(tmp_path, "data.csv", DATA)),
        status=ObservationStatus.APPROVED,
    )
    registry = read_enterprise_file(_write(tmp_path, "firms.csv", REGISTRY))
    enterprises.load_enterprises(app, actor=LOCAL_ADMIN, origin=HERE, parsed=registry)
    for load, text, shape in (
        (load_platforms, PLATFORMS_FILE, PLATFORMS),
        (load_approvals, APPROVALS_FILE, APPROVALS),
    ):
        path = _write(tmp_path, "register.csv", text)
        load(app, actor=LOCAL_ADMIN, origin=HERE, parsed=read_register_file(path, shape))
    projects = [
        Project("PJ-YL", "岳麓项目", org_unit=YUELU, plan="changsha-2025"),
        Project("PJ-YH", "雨花项目", org_unit=YUHUA, plan="changsha-2025"),
    ]
    load_projects(app, actor=LOCAL_ADMIN, projects=projects, source=HERE, origin="test")
    return app


@dataclass(frozen=True)
class Read:
    """A read use case and what the callers see of it: the codes (org units, plans, firms,
    rows) it returns for the admin, and for a caller scoped to 岳麓区."""

    name: str
    seen: Callable[[Bioecon, Principal], set[str]]
    everything: set[str]
    yuelu: set[str]


def _codes_of_ledger(app: Bioecon, actor: Principal) -> set[str]:
    month = Period.month(2025, 3)
    entries = ledger.ledger(
        app, actor=actor, indicator="rev", org_units=[YUELU], first=month, last=month
    )
    return {e.org_unit for e in entries if e.ytd is not None}


def _tier_members(app: Bioecon, actor: Principal) -> set[str]:
    results = tier_report(app, actor=actor, year=2025, tiers=["revenue_20yi"])
    return {m.uscc for result in results for m in result.members}


READS = [
    Read(
        "list_plans",
        lambda app, actor: {p.code for p in plans.list_plans(app, actor=actor)},
        {"changsha-2025", "yuelu-2025", "yuhua-2025"},
        {"changsha-2025", "yuelu-2025"},  # the city's plan covers 岳麓区; 雨花区's does not
    ),
    Read(
        "evaluate_plan",
        lambda app, actor: {
            e.org_unit
            for e in evaluation.evaluate_plan(
                app, actor=actor, plan="yuelu-2025", as_of=Period.month(2025, 3)
            )
        },
        {YUELU},
        {YUELU},
    ),
    Read("ledger", _codes_of_ledger, {YUELU}, {YUELU}),
    Read(
        "enterprise_directory",
        lambda app, actor: {
            r.uscc for r in enterprises.enterprise_directory(app, actor=actor).rows
        },
        {E_YUELU, E_YUHUA},
        {E_YUELU},
    ),
    Read(
        "export_enterprises",
        lambda app, actor: {e.uscc for e, _ in enterprises.export_enterprises(app, actor=actor)},
        {E_YUELU, E_YUHUA},
        {E_YUELU},
    ),
    Read("tier_report", _tier_members, {E_YUELU, E_YUHUA}, {E_YUELU}),
    Read(
        "list_platforms",
        lambda app, actor: {p.code for p in list_platforms(app, actor=actor)},
        {"PL-YL", "PL-YH"},
        {"PL-YL"},
    ),
    Read(
        "list_platforms under the city",  # two subtrees in one query: the city's and the scope's
        lambda app, actor: {p.code for p in list_platforms(app, actor=actor, org_unit="430100")},
        {"PL-YL", "PL-YH"},
        {"PL-YL"},
    ),
    Read(
        "list_approvals",
        lambda app, actor: {a.number for a in list_approvals(app, actor=actor)},
        {"国药准字S20250001", "国药准字S20250002"},
        {"国药准字S20250001"},
    ),
    Read(
        "plan_projects",
        lambda app, actor: {p.code for p in plan_projects(app, actor=actor, plan="changsha-2025")},
        {"PJ-YL", "PJ-YH"},
        {"PJ-YL"},
    ),
    Read(
        "check_data",
        lambda app, actor: {
            f.org_unit for f in quality.check_data(app, actor=actor, as_of=Period.month(2025, 3))[1]
        },
        {YUELU, YUHUA},
        {YUELU},
    ),
    Read(
        "list_org_units",
        lambda app, actor: {
            u.code for u in orgunits.list_org_units(app, actor=actor) if u.code.startswith("4301")
        },
        {"430100", "430102", "430103", YUELU, "430105", YUHUA, "430112", "430121", "430181"}
        | {"430182", "430102400"},
        {"430100", YUELU},  # its own unit and the city above it, no sibling
    ),
    Read(
        "org_unit_context",
        lambda app, actor: (
            set(plans.org_unit_context(app, actor=actor, code=YUELU).names) & {YUELU, YUHUA}
        ),
        {YUELU, YUHUA},
        {YUELU},
    ),
]


@pytest.mark.parametrize("read", READS, ids=lambda r: r.name)
@pytest.mark.parametrize("actor", [REPORTER, OFFICE, VIEWER], ids=lambda a: a.login)
def test_a_district_user_reads_nothing_of_its_sibling(
    districts: Bioecon, read: Read, actor: Principal
) -> None:
    assert read.seen(districts, LOCAL_ADMIN) == read.everything
    assert read.seen(districts, actor) == read.yuelu


SINGLE_RECORDS: list[tuple[str, Callable[[Bioecon, Principal], object]]] = [
    ("get_plan", lambda app, actor: plans.get_plan(app, actor=actor, reference="yuhua-2025")),
    (
        "evaluate_plan",
        lambda app, actor: evaluation.evaluate_plan(
            app, actor=actor, plan="yuhua-2025", as_of=Period.month(2025, 3)
        ),
    ),
    (
        "ledger",
        lambda app, actor: ledger.ledger(
            app,
            actor=actor,
            indicator="rev",
            org_units=[YUHUA],
            first=Period.month(2025, 3),
            last=Period.month(2025, 3),
        ),
    ),
    (
        "enterprise_detail",
        lambda app, actor: enterprises.enterprise_detail(app, actor=actor, uscc=E_YUHUA),
    ),
    ("plan_mapping", lambda app, actor: mapping.plan_mapping(app, actor=actor, plan="yuhua-2025")),
    ("org_unit_context", lambda app, actor: plans.org_unit_context(app, actor=actor, code=YUHUA)),
    ("tier_report", lambda app, actor: tier_report(app, actor=actor, year=2025, org_unit=YUHUA)),
    ("plan_projects", lambda app, actor: plan_projects(app, actor=actor, plan="yuhua-2025")),
]


@pytest.mark.parametrize(("name", "call"), SINGLE_RECORDS, ids=[n for n, _ in SINGLE_RECORDS])
def test_a_siblings_record_is_not_found(
    districts: Bioecon, name: str, call: Callable[[Bioecon, Principal], object]
) -> None:
    call(districts, LOCAL_ADMIN)  # it exists
    with pytest.raises(NotFound):
        call(districts, OFFICE)


@pytest.mark.parametrize("actor", [VIEWER, PUBLIC, REPORTER], ids=lambda a: a.login)
def test_a_read_only_caller_gets_no_financial_fields(districts: Bioecon, actor: Principal) -> None:
    _, years, _ = enterprises.enterprise_detail(districts, actor=actor, uscc=E_YUELU)
    assert [(y.year, y.revenue, y.employees) for y in years] == [(2025, None, None)]
    exported = dict(enterprises.export_enterprises(districts, actor=actor))
    assert [y.revenue for ys in exported.values() for y in ys] == [None] * len(exported)
    page = enterprises.enterprise_directory(districts, actor=actor)
    assert [r.revenue for r in page.rows] == [None] * len(page.rows)
    members = [m for r in tier_report(districts, actor=actor, year=2025) for m in r.members]
    assert members and {m.revenue for m in members} == {None}


def test_the_plan_office_sees_its_districts_financial_fields(districts: Bioecon) -> None:
    _, years, _ = enterprises.enterprise_detail(districts, actor=OFFICE, uscc=E_YUELU)
    assert [y.revenue for y in years] == [Decimal("300000")]
    page = enterprises.enterprise_directory(districts, actor=OFFICE)
    assert [(r.uscc, r.revenue) for r in page.rows] == [(E_YUELU, Decimal("300000"))]


def test_a_reporter_cannot_load_or_delete_a_plan(districts: Bioecon, tmp_path: Path) -> None:
    before = database_info(districts).row_counts
    changed = _district_plan(tmp_path, "yuelu-2025", "岳麓区计划", YUELU)
    changed.write_text(changed.read_text(encoding="utf-8").replace("200", "250"), encoding="utf-8")
    parsed = read_plan_file(changed)
    with pytest.raises(Forbidden):
        plans.load_plan(
            districts, actor=REPORTER, origin=HERE, bundle=parsed.bundle, source=parsed.source
        )
    with pytest.raises(Forbidden):
        plans.delete_plan(districts, actor=REPORTER, origin=HERE, reference="yuelu-2025")
    with pytest.raises(Forbidden):  # the city's plan: readable by the office, not its to change
        plans.delete_plan(districts, actor=OFFICE, origin=HERE, reference="changsha-2025")
    with pytest.raises(Forbidden):
        mapping.apply_mapping(
            districts, actor=REPORTER, origin=HERE, plan="yuelu-2025", choices={"FREE": "rev"}
        )
    with pytest.raises(Forbidden):
        registry = read_enterprise_file(tmp_path / "firms.csv")
        enterprises.load_enterprises(districts, actor=REPORTER, origin=HERE, parsed=registry)
    assert database_info(districts).row_counts == before


def test_a_plan_load_outside_the_scope_tells_nothing_of_the_database(
    districts: Bioecon, tmp_path: Path
) -> None:
    # 雨花区's plan, naming an indicator the database lacks: the 岳麓 office is refused for
    # the region first, and never told which references are unknown
    path = _district_plan(tmp_path, "yuhua-2026", "雨花区新计划", YUHUA)
    path.write_text(
        path.read_text(encoding="utf-8").replace("indicator: rev,", "indicator: nowhere,"),
        encoding="utf-8",
    )
    parsed = read_plan_file(path)
    with pytest.raises(Forbidden) as refused:
        plans.load_plan(
            districts, actor=OFFICE, origin=HERE, bundle=parsed.bundle, source=parsed.source
        )
    assert "nowhere" not in str(refused.value) and YUHUA in str(refused.value)


def test_the_office_changes_its_districts_firm_but_not_the_siblings(
    districts: Bioecon, tmp_path: Path
) -> None:
    before = database_info(districts).row_counts
    moved = _write(
        tmp_path,
        "moved.csv",
        f"统一社会信用代码,企业名称,区域\n{E_YUHUA},雨花生物,430104\n",
    )
    with pytest.raises(Forbidden):  # moving 雨花区's firm into its own district
        enterprises.load_enterprises(
            districts, actor=OFFICE, origin=HERE, parsed=read_enterprise_file(moved)
        )
    assert database_info(districts).row_counts == before


def _events(app: Bioecon, entity: AuditEntity) -> list[tuple[str, str, AuditAction]]:
    with app.reading() as connection:
        return [(e.actor, e.record_key, e.action) for e in audit.history(connection, entity)]


def test_plan_loads_and_deletes_leave_their_events(districts: Bioecon, tmp_path: Path) -> None:
    admin = LOCAL_ADMIN.login
    loaded = [
        (admin, "changsha-2025", AuditAction.CREATE),
        (admin, "yuelu-2025", AuditAction.CREATE),
        (admin, "yuhua-2025", AuditAction.CREATE),
    ]
    assert _events(districts, AuditEntity.PLAN) == loaded
    path = _district_plan(tmp_path, "yuelu-2025", "岳麓区计划", YUELU)
    parsed = read_plan_file(path)
    same = plans.load_plan(
        districts, actor=OFFICE, origin=HERE, bundle=parsed.bundle, source=parsed.source
    )
    assert same.outcome == "unchanged"  # and no event
    path.write_text(path.read_text(encoding="utf-8").replace("200", "250"), encoding="utf-8")
    parsed = read_plan_file(path)
    plans.load_plan(
        districts, actor=OFFICE, origin=HERE, bundle=parsed.bundle, source=parsed.source
    )
    plans.delete_plan(
        districts, actor=OFFICE, origin=HERE, reference="yuelu-2025", reason="重新编制"
    )
    with districts.reading() as connection:
        events = audit.history(connection, AuditEntity.PLAN, "yuelu-2025")
    assert [(e.actor, e.origin, e.action, e.reason) for e in events] == [
        (admin, HERE, AuditAction.CREATE, None),
        ("yuelu-office", HERE, AuditAction.UPDATE, None),
        ("yuelu-office", HERE, AuditAction.DELETE, "重新编制"),
    ]
    summary = {
        "title": "岳麓区计划",
        "region": YUELU,
        "source_sha256": None,
        "targets": 2,
        "tasks": 0,
        "indicators": 1,
        "org_units": 0,
    }
    assert (events[0].old_value, events[0].new_value) == (None, summary)
    assert (events[2].old_value, events[2].new_value) == (summary, None)


def test_a_mapping_leaves_one_event_per_target(districts: Bioecon) -> None:
    mapping.apply_mapping(
        districts, actor=OFFICE, origin=HERE, plan="yuelu-2025", choices={"FREE": "rev"}
    )
    with districts.reading() as connection:
        events = audit.history(connection, AuditEntity.MAPPING)
    assert [(e.actor, e.record_key, e.action, e.old_value) for e in events] == [
        ("yuelu-office", "yuelu-2025/FREE", AuditAction.CREATE, None)
    ]
    assert events[0].new_value is not None
    assert (events[0].new_value["indicator"], events[0].new_value["method"]) == ("rev", "manual")


def test_enterprise_loads_leave_one_event_per_created_and_updated_row(
    districts: Bioecon, tmp_path: Path
) -> None:
    with districts.reading() as connection:
        created = audit.history(connection, AuditEntity.ENTERPRISE)
    assert [(e.actor, e.origin, e.record_key, e.action, e.old_value) for e in created] == [
        (LOCAL_ADMIN.login, HERE, E_YUELU, AuditAction.CREATE, None),
        (LOCAL_ADMIN.login, HERE, E_YUHUA, AuditAction.CREATE, None),
    ]
    assert created[0].new_value == {
        "name": "岳麓生物",
        "org_unit": YUELU,
        "industry_code": "2761",
        "years": 1,
    }
    changed = _write(
        tmp_path,
        "changed.csv",
        "统一社会信用代码,企业名称,区域,年度,营业收入\n"
        f"{E_YUELU},岳麓生物科技,,2025,320000\n"
        f"{E_YUHUA},,,2025,400000\n",  # unchanged: no event
    )
    enterprises.load_enterprises(
        districts, actor=LOCAL_ADMIN, origin=HERE, parsed=read_enterprise_file(changed)
    )
    with districts.reading() as connection:
        updated = audit.history(connection, AuditEntity.ENTERPRISE)[2:]
    assert [(e.record_key, e.action) for e in updated] == [(E_YUELU, AuditAction.UPDATE)]
    year = {"output_value": None, "rd_spend": None, "employees": None, "valuation": None}
    year |= {"valuation_unit": None}
    assert updated[0].old_value == {"name": "岳麓生物", "year 2025": year | {"revenue": "300000"}}
    assert updated[0].new_value == {
        "name": "岳麓生物科技",
        "year 2025": year | {"revenue": "320000"},
    }


def test_an_enterprises_history_keeps_to_the_scope_and_the_financial_fields(
    districts: Bioecon, tmp_path: Path
) -> None:
    changed = _write(
        tmp_path,
        "changed.csv",
        f"统一社会信用代码,企业名称,年度,营业收入\n{E_YUELU},,2025,320000\n",
    )
    enterprises.load_enterprises(
        districts, actor=LOCAL_ADMIN, origin=HERE, parsed=read_enterprise_file(changed)
    )

    def revenues(actor: Principal, uscc: str) -> list[object]:
        events = history.value_history(
            districts, actor=actor, entity=AuditEntity.ENTERPRISE, prefix=uscc
        )
        return [(e.new_value or {}).get("year 2025", {}).get("revenue") for e in events]

    assert revenues(OFFICE, E_YUELU) == [None, "320000"]  # the creation lists no figures
    assert revenues(VIEWER, E_YUELU) == [None, None]
    assert revenues(OFFICE, E_YUHUA) == []
    assert revenues(LOCAL_ADMIN, E_YUHUA) == [None]


def test_register_loads_leave_their_events(districts: Bioecon, tmp_path: Path) -> None:
    with districts.reading() as connection:
        created = audit.history(connection, AuditEntity.PLATFORM)
        approvals = audit.history(connection, AuditEntity.APPROVAL)
    assert [(e.actor, e.origin, e.record_key, e.action) for e in created] == [
        (LOCAL_ADMIN.login, HERE, "PL-YL", AuditAction.CREATE),
        (LOCAL_ADMIN.login, HERE, "PL-YH", AuditAction.CREATE),
    ]
    # every field of the new record, dates as text, the status by its code
    assert (created[0].old_value, created[0].new_value) == (
        None,
        {
            "code": "PL-YL",
            "name": "岳麓实验室",
            "type": "key_laboratory",
            "level": "provincial",
            "org_unit": YUELU,
            "approved_on": "2022-03-01",
            "host": None,
            "document": None,
            "status": "active",
            "revoked_on": None,
            "note": None,
        },
    )
    # the file names no 所在区域: the approval is recorded in its holder's unit, as stored
    assert [(e.record_key, (e.new_value or {})["org_unit"]) for e in approvals] == [
        ("国药准字S20250001", YUELU),
        ("国药准字S20250002", YUHUA),
    ]
    header, yuelu, _ = PLATFORMS_FILE.splitlines()
    renamed = f"{header}\n{yuelu}\n".replace("岳麓实验室", "岳麓实验室（二期）")
    path = _write(tmp_path, "renamed.csv", renamed)
    load_platforms(districts, actor=OFFICE, origin=HERE, parsed=read_register_file(path, PLATFORMS))
    with districts.reading() as connection:
        updated = audit.history(connection, AuditEntity.PLATFORM)[2:]
    # one event; only the changed field, old and new
    assert [(e.actor, e.record_key, e.action, e.old_value, e.new_value) for e in updated] == [
        (
            "yuelu-office",
            "PL-YL",
            AuditAction.UPDATE,
            {"name": "岳麓实验室"},
            {"name": "岳麓实验室（二期）"},
        )
    ]


ORG_UNITS_FILE = """\
代码,名称,层级,上级代码
430104001,岳麓园区,园区,430104
430111001,雨花园区,园区,430111
"""
INDICATORS_FILE = "指标代码,指标名称,单位\ncs_jobs,从业人员,万人\n"


def test_each_kinds_history_keeps_to_the_callers_scope(districts: Bioecon, tmp_path: Path) -> None:
    units = read_org_unit_file(_write(tmp_path, "units.csv", ORG_UNITS_FILE))
    orgunits.load_org_units(districts, actor=LOCAL_ADMIN, origin=HERE, file=units)
    catalogue = read_indicator_file(_write(tmp_path, "indicators.csv", INDICATORS_FILE))
    indicators.load_indicators(districts, actor=LOCAL_ADMIN, origin=HERE, file=catalogue)
    accounts.add_user(
        districts,
        actor=LOCAL_ADMIN,
        login="yuelu-clerk",
        role=Role.REPORTER,
        password="correct horse battery 9",
        origin=HERE,
        scope=Scope(YUELU),
    )

    def keys(actor: Principal, entity: AuditEntity, prefix: str | None = None) -> list[str]:
        events = history.value_history(districts, actor=actor, entity=entity, prefix=prefix)
        return [e.record_key for e in events]

    assert keys(LOCAL_ADMIN, AuditEntity.PLAN) == ["changsha-2025", "yuelu-2025", "yuhua-2025"]
    # 长沙's plan lies in 430100, above the viewer's district: not its record
    assert keys(VIEWER, AuditEntity.PLAN) == ["yuelu-2025"]
    assert keys(VIEWER, AuditEntity.PLAN, "yuhua-2025") == []
    assert keys(VIEWER, AuditEntity.PLATFORM) == ["PL-YL"]
    assert keys(VIEWER, AuditEntity.APPROVAL) == ["国药准字S20250001"]
    assert keys(LOCAL_ADMIN, AuditEntity.ORG_UNIT) == ["430104001", "430111001"]
    assert keys(VIEWER, AuditEntity.ORG_UNIT) == ["430104001"]
    assert keys(VIEWER, AuditEntity.INDICATOR) == ["cs_jobs"]  # the catalogue is shared
    assert keys(LOCAL_ADMIN, AuditEntity.USER) == ["yuelu-clerk"]
    # accounts are a user manager's business: not a district office's, not the public's
    assert keys(OFFICE, AuditEntity.USER) == []
    assert keys(PUBLIC, AuditEntity.USER) == []
    assert keys(PUBLIC, AuditEntity.PLATFORM) == ["PL-YL", "PL-YH"]
    plans.delete_plan(districts, actor=LOCAL_ADMIN, origin=HERE, reference="yuhua-2025")
    # a deleted plan's history: only a scope of everything still reads it
    assert keys(LOCAL_ADMIN, AuditEntity.PLAN, "yuhua-2025") == ["yuhua-2025", "yuhua-2025"]
    assert keys(VIEWER, AuditEntity.PLAN, "yuhua-2025") == []
