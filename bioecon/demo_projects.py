"""The demo's project ledgers (模拟数据): eight key projects per plan with stages of the plan's
codelist (bioecon/data/projects/stages.yaml), an annual plan for the build year and monthly
progress up to the last month — some ahead of 序时进度, some on it, some lagging, two not
started on time and one started but not yet in the statistics — so the monthly 调度 report and
the project pages have every colour to show. Written only through :mod:`bioecon.services`;
deterministic for a build month."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from bioecon.app import Bioecon
from bioecon.catalogs import project_stages
from bioecon.demo_accounts import DEMO_ORIGIN, DEPARTMENT
from bioecon.demo_ledger import SIMULATED
from bioecon.domain.model import OrgUnit, ProjectStage
from bioecon.domain.periods import Period
from bioecon.domain.projects import ProgressEntry, ProjectRecord
from bioecon.domain.registers import RegisterFile, RegisterRow
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.projects import load_project_ledger, load_project_progress

_KINDS = (
    "创新药产业化基地",
    "医疗器械生产线",
    "生物制造中试平台",
    "细胞治疗研发中心",
    "种业创新园",
)
_CATEGORIES = ("生物医药", "医疗器械", "生物制造", "生物医药", "生物农业")
_PER_PLAN = 8
# A project answered for by a unit of the plan's responsible-unit table, so the demo's
# department account (demo_accounts.DEPARTMENT, cs-fgw) enters its monthly progress; the
# others' 责任单位 is their district's 发展和改革局, which the table does not hold.
_ANSWERED_BY = {"changsha-2025": (6, DEPARTMENT)}


@dataclass(frozen=True, slots=True)
class Profile:
    """How a simulated project runs: its stage (the first of ``stages`` in the plan's
    codelist), its pace against 序时进度 (1 = on it; None: no annual plan), when it started
    (months before the last month; None: not started) and when it was due to start."""

    stages: tuple[ProjectStage, ...]
    pace: Decimal | None
    started: int | None
    due: int | None = None  # planned start, months before the last month
    counted: bool = True  # 入统 the month after the start


_BUILDING = (ProjectStage.UNDER_CONSTRUCTION, ProjectStage.STARTED)
_PROFILES = (
    Profile(_BUILDING, Decimal("1.15"), 20),  # ahead
    Profile((ProjectStage.IN_PRODUCTION,), Decimal("1.00"), 30),  # on schedule
    Profile(_BUILDING, Decimal("0.80"), 14),  # a little behind: yellow late in the year
    Profile(_BUILDING, Decimal("0.45"), 10),  # far behind: red
    Profile((ProjectStage.SIGNED,), None, None, due=1),  # due last month, not started: yellow
    Profile((ProjectStage.SIGNED,), None, None, due=4),  # 4 months overdue: red
    Profile((ProjectStage.STARTED,), Decimal("0.95"), 2, due=3, counted=False),  # 入统 pending
    Profile((ProjectStage.NEGOTIATING, ProjectStage.PLANNED), None, None),  # pipeline
)


def build_demo_projects(
    app: Bioecon, spec: dict[str, Any], org_units: list[OrgUnit], last: Period, rng: random.Random
) -> list[str]:
    """Load the plan's simulated ledger and progress; return the build log's lines."""
    region = str(spec["region"])
    places = [u for u in org_units if u.parent == region] or [
        u for u in org_units if u.code == region
    ]
    own = random.Random(f"projects {spec['code']} {last}")
    records = [
        _record(spec["code"], n, places[n % len(places)], last, rng, own) for n in range(_PER_PLAN)
    ]
    ledger = RegisterFile(
        SIMULATED, tuple(RegisterRow(n + 2, r) for n, r in enumerate(records)), (), {}
    )
    done = load_project_ledger(app, actor=LOCAL_ADMIN, origin=DEMO_ORIGIN, parsed=ledger)
    entries = [e for n, record in enumerate(records) for e in _progress(record, _PROFILES[n], last)]
    rows = tuple(RegisterRow(n + 2, e) for n, e in enumerate(entries))
    progress = load_project_progress(
        app, actor=LOCAL_ADMIN, origin=DEMO_ORIGIN, parsed=RegisterFile(SIMULATED, rows, (), {})
    )
    return [
        f"  {SIMULATED} projects: {done.created} created, {done.updated} updated; "
        f"progress to {last}: {progress.created} created, {progress.updated} updated"
    ]


def _month(last: Period, before: int) -> date:
    month = Period.from_month_ordinal(last.year * 12 + last.index - 1 - before)
    return date(month.year, month.index, 1)


def _record(
    plan: str, n: int, place: OrgUnit, last: Period, rng: random.Random, own: random.Random
) -> ProjectRecord:
    profile = _PROFILES[n]
    codelist = project_stages().for_plan(plan)
    known = {s.code for s in codelist.stages}
    stage = next(s for s in profile.stages if s in known)
    total = Decimal(f"{rng.uniform(2, 80):.2f}")  # 亿元 (the draw the demo has always made)
    share = Decimal(own.randint(15, 35)) / 100  # of the total invested this year
    started, counted = _start(profile, last)
    due = _month(last, profile.due) if profile.due is not None else started
    begun = started or due or date(last.year + 1, 1, 1)
    return ProjectRecord(
        code=f"{plan}-P{n:02d}",
        name=f"模拟项目·{_KINDS[n % len(_KINDS)]}{n + 1}号",
        stage=stage,
        org_unit=place.code,
        plan=plan,
        responsible_unit=_ANSWERED_BY[plan][1]
        if _ANSWERED_BY.get(plan, (None,))[0] == n
        else f"{place.name}发展和改革局",
        owner=f"模拟业主{n + 1}号有限公司",
        category=_CATEGORIES[n % len(_CATEGORIES)],
        annual_class=_annual_class(begun, profile, last),
        total_investment=total,
        plan_year=last.year if profile.pace is not None else None,
        annual_plan=(total * 10000 * share).quantize(Decimal(1))
        if profile.pace is not None
        else None,
        planned_start=due,
        actual_start=started,
        in_statistics=counted,
        lists="市重点、省重大" if n % 3 == 0 else "市重点",
        start_year=begun.year,
        end_year=begun.year + 3,
        stage_on=started or due,
        stage_evidence="模拟开工令" if started else None,
    )


def _start(profile: Profile, last: Period) -> tuple[date | None, date | None]:
    """(实际开工, 入统): the start, and 入统 the month after it unless the profile lacks it."""
    if profile.started is None:
        return None, None
    counted = _month(last, profile.started - 1) if profile.counted else None
    return _month(last, profile.started), counted


def _annual_class(begun: date, profile: Profile, last: Period) -> str:
    """预备 for the pipeline, 新开工 for a start this year, else 续建."""
    if profile.pace is None and profile.due is None:
        return "reserve"
    return "new_start" if begun.year >= last.year else "continuing"


def _progress(record: ProjectRecord, profile: Profile, last: Period) -> list[ProgressEntry]:
    """Year-to-date completed investment (万元) of each month of the last month's year since
    the start, at the profile's pace of 序时进度 (1–2月 reported together, as 统计 does)."""
    if profile.pace is None or record.annual_plan is None or record.actual_start is None:
        return []
    first = 2 if record.actual_start.year < last.year else max(2, record.actual_start.month)
    return [
        ProgressEntry(
            record.code,
            Period.month(last.year, month),
            (record.annual_plan * profile.pace * month / 12).quantize(Decimal(1)),
            image_progress=f"完成年度计划的{int(profile.pace * month * 100 / 12)}%（模拟）",
            problems="资金到位偏慢" if profile.pace < 1 else None,
            coordination="协调银行贷款" if profile.pace < Decimal("0.5") else None,
        )
        for month in range(first, last.index + 1)
    ]
