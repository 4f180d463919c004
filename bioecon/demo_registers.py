"""The demo's registers (模拟数据): simulated platforms, product approvals and key-project
selections for the five demo plans, so their platform, approval and project targets are
measured. Written only through :mod:`bioecon.services`; deterministic for a build month.

Magnitudes follow the plans (rows approved after each plan's base year, as the increment
targets count them), some met and some behind on purpose:

- 长沙 (base 2021): 3 new national innovation platforms valid (target 3—5: met) and a fourth
  revoked in 2025; 17 new national and provincial (target 25: behind); 7 new incubators and
  accelerators (target 10: behind); 22 drug approvals (target 30: behind), 23 class-III
  device registrations (target 20: met); about 30 key projects selected a year (每年30个),
  each year's selection (每年遴选) scored by criterion, with three of the year before scored
  again and not chosen.
- 南京 (base 2020, deadline 2023): 2 new national innovation platforms by 2023 (target 3:
  behind at the deadline), a third in 2024.
- 天门, 金山, 长春: a few of each, for their pages.

Hosts and holders are the demo's simulated enterprises of the plan's region; rows are dated
2019 to the build's last month and carry 模拟数据 in their note.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from bioecon.app import Bioecon
from bioecon.catalogs import read_data_file, register_vocabulary, selection_criteria
from bioecon.demo_accounts import DEMO_ORIGIN
from bioecon.domain.model import OrgUnit, Project, ProjectStage
from bioecon.domain.periods import Period
from bioecon.domain.project_selection import SelectionEntry
from bioecon.domain.registers import (
    Approval,
    Platform,
    PlatformStatus,
    RegisterFile,
    RegisterRow,
    RegisterVocabulary,
)
from bioecon.io.registers import APPROVALS, PLATFORMS, REFERENCES
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.approvals import load_approvals
from bioecon.services.enterprises import export_enterprises
from bioecon.services.platforms import load_platforms
from bioecon.services.projects import load_project_selection, load_projects

SIMULATED = "模拟数据 (simulated data)"
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Batch:
    """``count`` rows of one kind approved between two years (inclusive)."""

    kind: str  # a platform type or an approval kind
    level_or_class: str | None  # platform level, or approval class
    count: int
    first_year: int
    last_year: int


# per plan: platform batches, approval batches, key projects selected a year
_PLATFORMS: dict[str, tuple[Batch, ...]] = {
    "changsha-2025": (
        Batch("key_laboratory", "national", 1, 2019, 2020),
        Batch("technology_innovation_center", "national", 3, 2022, 2025),
        Batch("engineering_research_center", "provincial", 14, 2022, 2025),
        Batch("key_laboratory", "provincial", 6, 2019, 2021),
        Batch("incubator", "national", 4, 2022, 2025),
        Batch("accelerator", "provincial", 3, 2022, 2025),
        Batch("maker_space", "municipal", 5, 2019, 2024),
        Batch("pilot_base", "provincial", 2, 2021, 2024),
    ),
    "nanjing-2023": (
        Batch("key_laboratory", "national", 2, 2019, 2020),
        Batch("manufacturing_innovation_center", "national", 2, 2021, 2023),
        Batch("industry_innovation_center", "national", 1, 2024, 2024),
        Batch("incubator", "provincial", 4, 2019, 2024),
    ),
    "tianmen-2025": (Batch("enterprise_technology_center", "provincial", 3, 2019, 2025),),
    "jinshan-2030": (Batch("new_rd_institution", "municipal", 3, 2021, 2026),),
    "changchun-2025": (
        Batch("clinical_research_center", "national", 1, 2020, 2020),
        Batch("public_service_platform", "provincial", 2, 2023, 2025),
    ),
}
_APPROVALS: dict[str, tuple[Batch, ...]] = {
    "changsha-2025": (
        Batch("drug", "generic", 9, 2019, 2021),
        Batch("drug", "innovative", 6, 2022, 2025),
        Batch("drug", "generic", 16, 2022, 2025),
        Batch("device", "III", 23, 2022, 2025),
        Batch("device", "II", 30, 2019, 2026),
    ),
    "nanjing-2023": (
        Batch("drug", "innovative", 8, 2021, 2025),
        Batch("device", "III", 12, 2019, 2025),
    ),
    "tianmen-2025": (Batch("drug", "generic", 4, 2020, 2025),),
    "jinshan-2030": (Batch("drug", "improved", 3, 2022, 2026),),
    "changchun-2025": (
        Batch("drug", "biosimilar", 5, 2019, 2026),
        Batch("plant_variety", None, 4, 2019, 2025),
    ),
}
_NUMBER_PREFIXES = {"drug": "国药准字H", "device": "国械注准", "plant_variety": "CNA"}
_TYPE_NAMES = RegisterVocabulary.from_mapping(register_vocabulary()).platform_types
_SELECTED_A_YEAR = {"changsha-2025": 30, "nanjing-2023": 12}  # others: 6


def build_demo_registers(app: Bioecon, org_units: Sequence[OrgUnit], last: Period) -> list[str]:
    """Load the simulated registers of every demo plan; return the build log's lines."""
    firms = [
        (e.uscc, e.org_unit) for e, _ in export_enterprises(app, actor=LOCAL_ADMIN) if e.org_unit
    ]
    log = []
    for spec in read_data_file("demo/plans.yaml")["plans"]:
        code, region = spec["code"], str(spec["region"])
        places = {u.code for u in org_units if u.parent == region} or {region}
        hosts = [(uscc, org) for uscc, org in firms if org in places]
        rng = random.Random(f"registers {code}")
        end = date(last.year, last.index, calendar.monthrange(last.year, last.index)[1])
        platforms = _platforms(code, hosts, rng, end)
        approvals = _approvals(code, hosts, rng, end)
        projects = _projects(spec, sorted(places), rng, last.year)
        loaded = (
            load_platforms(
                app,
                actor=LOCAL_ADMIN,
                origin=DEMO_ORIGIN,
                parsed=_file(platforms, PLATFORMS.headers, "platforms", code),
            ),
            load_approvals(
                app,
                actor=LOCAL_ADMIN,
                origin=DEMO_ORIGIN,
                parsed=_file(approvals, APPROVALS.headers, "approvals", code),
            ),
        )
        created, _ = load_projects(
            app, actor=LOCAL_ADMIN, projects=projects, source=SIMULATED, origin=DEMO_ORIGIN
        )
        scored = _selections(projects, random.Random(f"selection {code}"))
        load_project_selection(
            app,
            actor=LOCAL_ADMIN,
            origin=DEMO_ORIGIN,
            parsed=RegisterFile(
                SIMULATED,
                tuple(RegisterRow(n + 2, e) for n, e in enumerate(scored)),
                (),
                {},
            ),
        )
        log.append(
            f"  {SIMULATED} registers {code}: platforms {loaded[0].created} created, "
            f"approvals {loaded[1].created} created, key projects {created} created"
        )
    return log


def _file(
    records: Sequence[Any], headers: dict[str, str], what: str, code: str
) -> RegisterFile[Any]:
    rows = tuple(RegisterRow(n + 2, record) for n, record in enumerate(records))
    references = tuple(
        (row.row, field, value)
        for row in rows
        for field in REFERENCES
        if isinstance(value := getattr(row.record, field, None), str)
    )
    return RegisterFile(f"{SIMULATED} {what} {code}", rows, (), headers, references)


def _day(rng: random.Random, first_year: int, last_year: int, end: date) -> date | None:
    """A day in the years given, or None when it falls after the build's last day."""
    day = date(rng.randint(first_year, last_year), rng.randint(1, 12), rng.randint(1, 28))
    return day if day <= end else None


def _dated(
    batches: Sequence[Batch],
    hosts: Sequence[tuple[str, str]],
    rng: random.Random,
    end: date,
    make: Callable[[Batch, date, tuple[str, str], int], R],
) -> list[R]:
    """One record per row of the batches, dated in its years up to ``end``, hosted in turn
    by the region's enterprises (``make`` builds the n-th record from 1)."""
    found: list[R] = []
    for batch in batches:
        for _ in range(batch.count):
            day = _day(rng, batch.first_year, batch.last_year, end)
            if day is not None and hosts:
                n = len(found) + 1
                found.append(make(batch, day, hosts[(n * 7) % len(hosts)], n))
    return found


def _platforms(
    code: str, hosts: Sequence[tuple[str, str]], rng: random.Random, end: date
) -> list[Platform]:
    def make(batch: Batch, day: date, host: tuple[str, str], n: int) -> Platform:
        return Platform(
            code=f"{code}-PL{n:03d}",
            name=f"模拟平台·{_TYPE_NAMES.name_of(batch.kind)}{n}号",
            type=batch.kind,
            level=batch.level_or_class or "municipal",
            org_unit=host[1],
            approved_on=day,
            host=host[0],
            document=f"模拟文件〔{day.year}〕{n}号",
            note=SIMULATED,
        )

    return _revoke_one(code, _dated(_PLATFORMS.get(code, ()), hosts, rng, end, make), end)


def _revoke_one(code: str, platforms: list[Platform], end: date) -> list[Platform]:
    """长沙: a fourth new national innovation platform, revoked in 2025 (not counted)."""
    revoked_on = date(2025, 3, 31)
    if code != "changsha-2025" or end < revoked_on or not platforms:
        return platforms
    return [
        *platforms,
        Platform(
            code=f"{code}-PL{len(platforms) + 1:03d}",
            name="模拟平台·已撤销的技术创新中心",
            type="technology_innovation_center",
            level="national",
            org_unit=platforms[0].org_unit,
            approved_on=date(2022, 9, 15),
            host=platforms[0].host,
            status=PlatformStatus.REVOKED,
            revoked_on=revoked_on,
            note=SIMULATED,
        ),
    ]


def _approvals(
    code: str, hosts: Sequence[tuple[str, str]], rng: random.Random, end: date
) -> list[Approval]:
    def make(batch: Batch, day: date, holder: tuple[str, str], n: int) -> Approval:
        lasts = batch.kind != "plant_variety"  # registrations run five years; variety rights longer
        return Approval(
            number=f"{_NUMBER_PREFIXES[batch.kind]}{day.year}{n:04d}（模拟{code}）",
            product=f"模拟产品{n}号",
            kind=batch.kind,
            holder=holder[0],
            org_unit=None,  # the holder's
            approved_on=day,
            product_class=batch.level_or_class,
            valid_until=date(day.year + 5, day.month, day.day) if lasts else None,
            note=SIMULATED,
        )

    return _dated(_APPROVALS.get(code, ()), hosts, rng, end, make)


def _selections(projects: Sequence[Project], rng: random.Random) -> list[SelectionEntry]:
    """Each year's selection (每年遴选): the projects entering the library that year chosen,
    scored 75–95 % of each criterion's points (projects/selection.yaml), and three of the year
    before scored again (45–65 %) and not chosen — so 当年遴选 counts what it counted before."""
    criteria = selection_criteria().items
    found: list[SelectionEntry] = []
    years = sorted({p.selected_year for p in projects if p.selected_year is not None})
    for year in years:
        chosen = [p for p in projects if p.selected_year == year]
        again = [p for p in projects if p.selected_year == year - 1][:3]
        for project, low in [(p, Decimal("0.75")) for p in chosen] + [
            (p, Decimal("0.45")) for p in again
        ]:
            share = low + Decimal(rng.randint(0, 20)) / 100  # of each criterion's points
            points = {c.code: (c.points * share).quantize(Decimal(1)) for c in criteria}
            found.append(
                SelectionEntry(
                    project.code, year, low > Decimal("0.5"), None, points, "模拟评审组", SIMULATED
                )
            )
    return found


def _projects(
    spec: dict[str, Any], places: Sequence[str], rng: random.Random, last_year: int
) -> list[Project]:
    """Key projects selected into the library each year of the plan period up to the build
    year: about the plan's yearly number (some years a few short)."""
    code = spec["code"]
    per_year = _SELECTED_A_YEAR.get(code, 6)
    found = []
    for year in range(spec["horizon"]["start"], min(spec["horizon"]["end"] + 1, last_year) + 1):
        for n in range(per_year - rng.randint(0, 4)):
            found.append(
                Project(
                    code=f"{code}-K{year}{n + 1:02d}",
                    name=f"模拟重点项目·{year}年第{n + 1}号",
                    org_unit=places[n % len(places)],
                    plan=code,
                    stage=list(ProjectStage)[n % len(ProjectStage)],
                    total_investment=Decimal(f"{rng.uniform(1, 30):.2f}"),
                    start_year=year,
                    end_year=year + 3,
                    category="生物医药",
                    selected_year=year,
                )
            )
    return found
