"""A record is carried through every layer: the domain dataclass, its table and its file
model name the same fields, apart from the exceptions listed once here; and any plan's
records survive the plan file's model and the tables unchanged, on each backend.

Adding a field to a domain record without a column (or an exception below) fails
``test_every_field_has_a_column``; without a file-model field, ``test_every_field_is_in_the_file``;
and a layer that forgets to copy it fails the round trips.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from sqlalchemy import Table, delete

from bioecon.app import Bioecon
from bioecon.domain.bodies import Body, BodyMember
from bioecon.domain.evidence import Evidence
from bioecon.domain.funds import Fund, FundInvestment
from bioecon.domain.model import (
    Aggregation,
    Enterprise,
    EnterpriseFlag,
    EnterpriseYear,
    Indicator,
    IndicatorNature,
    Observation,
    ObservationStatus,
    OrgLevel,
    OrgUnit,
    Plan,
    PlanBundle,
    Project,
    ProjectStage,
    ReportingBasis,
    ResponsibleUnit,
    SourceSpan,
    Target,
    TargetKind,
    TargetNature,
    TargetOp,
    Task,
)
from bioecon.domain.notices import Notice, NoticeStep
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.policies import Application, Clause
from bioecon.domain.project_selection import SelectionEntry
from bioecon.domain.projects import ProjectRecord
from bioecon.domain.target_adjustment import TargetAdjustment
from bioecon.domain.tasks import WorkItem, WorkReport
from bioecon.io import planfile
from bioecon.records import copy_into, field_values, row_values
from bioecon.store import enterprises as enterprise_store
from bioecon.store import indicators, orgunits
from bioecon.store import observations as observation_store
from bioecon.store import plans as plan_store
from bioecon.store import projects as project_store
from bioecon.store import tables as t
from bioecon.store.assessments import StoredPublication, StoredScheme

# --- the converter itself --------------------------------------------------------------


class Colour(StrEnum):
    RED = "red"


@dataclass(frozen=True)
class Sample:
    colour: Colour
    names: tuple[str, ...]
    flag: bool
    label: str
    note: str | None = None
    extra: list[int] = field(default_factory=list)


def test_copy_into_coerces_by_the_annotations() -> None:
    row = {"colour": "red", "names": ["a", "b"], "flag": 1, "label": Colour.RED, "note": None}
    # text → enum, list → tuple, 1 → True, an enum where text is wanted → its value
    assert copy_into(Sample, row, extra=(3,)) == Sample(
        Colour.RED, ("a", "b"), True, "red", None, [3]
    )


def test_copy_into_reads_attributes_and_overrides_win() -> None:
    source = Sample(Colour.RED, ("a",), False, "x", "kept", [])
    assert copy_into(Sample, source, label="y") == Sample(Colour.RED, ("a",), False, "y", "kept")


def test_copy_into_refuses_a_missing_field_even_with_a_default() -> None:
    with pytest.raises(KeyError, match="extra"):
        copy_into(Sample, {"colour": "red", "names": (), "flag": 0, "label": "x", "note": None})


def test_copy_into_refuses_an_override_of_no_field() -> None:
    with pytest.raises(TypeError, match="Sample has no field colur"):
        copy_into(Sample, Sample(Colour.RED, (), False, "x"), colur="red")


def test_row_values_gives_enum_values_and_leaves_out_the_excluded() -> None:
    sample = Sample(Colour.RED, ("a",), True, "x")
    assert row_values(sample, exclude={"names", "extra"}) == {
        "colour": "red",
        "flag": True,
        "label": "x",
        "note": None,
    }
    assert field_values(sample, exclude={"names", "extra", "note"}) == {
        "colour": Colour.RED,
        "flag": True,
        "label": "x",
    }
    with pytest.raises(TypeError, match="no field nmes"):
        row_values(sample, exclude={"nmes"})


# --- every field in every layer --------------------------------------------------------


@dataclass(frozen=True)
class Layers:
    """Where one domain record lives. ``columns``: a field stored under other column names
    (an id for a code, three columns for a span) or in a table of its own (empty);
    ``row_only``: columns that are not fields; ``model`` and ``model_fields`` likewise for
    the plan file."""

    record: type[object]
    table: Table
    columns: dict[str, set[str]] = field(default_factory=dict)
    row_only: set[str] = field(default_factory=set)
    model: type[BaseModel] | None = None
    model_fields: dict[str, set[str]] = field(default_factory=dict)


CHILD_OF_PLAN = {"plan_id", "position"}
# ProjectRecord's fields kept in other tables (project_year_plan, project_stage_event), and
# the project columns only the ledger's record (migration 0013) carries
_LEDGER_APART = ("plan_year", "annual_plan", "stage_on", "stage_evidence")
_LEDGER_ONLY = (
    {f.name for f in dataclasses.fields(ProjectRecord)}
    - {f.name for f in dataclasses.fields(Project)}
    - set(_LEDGER_APART)
)

LAYERS = [
    Layers(
        Plan,
        t.plan,
        columns={"region": {"region_id"}},
        row_only={"loaded_at"},
        model=planfile.PlanMeta,
        model_fields={
            "horizon_start": {"horizon"},
            "horizon_end": {"horizon"},
            "source_path": {"source"},
            "source_text": {"source"},
            "source_sha256": {"source"},
        },
    ),
    Layers(OrgUnit, t.org_unit, {"parent": {"parent_id"}}, model=planfile.OrgUnitModel),
    Layers(
        ResponsibleUnit,
        t.responsible_unit,
        {"org_unit": {"org_unit_id"}, "aliases": set()},  # aliases: responsible_unit_alias
        model=planfile.ResponsibleUnitModel,
    ),
    Layers(Indicator, t.indicator, model=planfile.IndicatorModel),
    Layers(
        Target,
        t.target,
        {
            "indicator": {"indicator_id"},
            "subject_org_unit": {"subject_org_unit_id"},
            "source": {"quote", "quote_start", "quote_end"},
        },
        row_only=CHILD_OF_PLAN,
        model=planfile.TargetModel,
    ),
    Layers(
        Task,
        t.task,
        {"lead_units": set(), "co_units": set()},  # task_unit, by role
        row_only=CHILD_OF_PLAN,
        model=planfile.TaskModel,
    ),
    Layers(
        Observation,
        t.observation,
        {
            "indicator": {"indicator_id"},
            "org_unit": {"org_unit_id"},
            "period": {"period", "period_type", "year", "period_index"},  # the parsed period
        },
        row_only={"submitted_at"},  # 首次报送: the reporting calendar's, not the value's
    ),
    Layers(
        Enterprise,
        t.enterprise,
        {"org_unit": {"org_unit_id"}, "flags": set()},  # flags: enterprise_flag
        row_only={"bio_category", "bio_basis", "bio_matched", "bio_table"},  # classify's result
    ),
    Layers(
        EnterpriseFlag,
        t.enterprise_flag,
        {"name": {"flag"}},
        row_only={"enterprise_id", "loaded_on"},  # whose flag; the day the registry recorded it
    ),
    Layers(EnterpriseYear, t.enterprise_year, {"uscc": {"enterprise_id"}}),
    Layers(
        Project,
        t.project,
        {"org_unit": {"org_unit_id"}, "plan": {"plan_id"}, "enterprise": {"enterprise_id"}},
        row_only=set(_LEDGER_ONLY),  # the ledger's record (ProjectRecord) holds them
    ),
    Layers(
        ProjectRecord,
        t.project,
        {"org_unit": {"org_unit_id"}, "plan": {"plan_id"}, "enterprise": {"enterprise_id"}}
        | {name: set() for name in _LEDGER_APART},
    ),  # the annual plan: project_year_plan; the stage's date and evidence: project_stage_event
    Layers(  # 每年遴选: a candidate's row of a year's selection
        SelectionEntry,
        t.project_selection,
        {"project": {"project_id"}},
        row_only={"recorded_by", "recorded_at"},
    ),
    Layers(
        TargetAdjustment,
        t.target_adjustment,
        {"plan": {"plan_id"}, "target": {"target_key"}},
    ),
    Layers(
        WorkItem,
        t.work_item,
        {
            "plan": {"plan_id"},
            "task": {"task_id"},
            "parent": {"parent_id"},
            "lead_units": set(),  # work_item_unit, by role
            "co_units": set(),
        },
        row_only={"position"},  # the file's order
    ),
    Layers(WorkReport, t.work_report, {"item": {"item_id"}}),
    Layers(  # a task report's evidence or a project's progress photo (its content read apart)
        Evidence,
        t.work_evidence,
        {"id": set(), "subject": set(), "item": {"report_id", "project_id"}},
        row_only={"content"},
    ),
    Layers(
        Notice,
        t.notice,
        {"responsible_unit": {"responsible_unit_id"}, "org_unit": {"org_unit_id"}},
    ),
    Layers(NoticeStep, t.notice_step, row_only={"notice_id"}),  # whose step
    Layers(
        Body,
        t.plan_body,
        {"plan": {"plan_id"}, "parent": {"parent_id"}, "members": set()},  # plan_body_member
        row_only={"position"},
    ),
    Layers(
        BodyMember,
        t.plan_body_member,
        {"responsible_unit": {"responsible_unit_id"}},
        row_only={"body_id", "position"},  # whose member, in the text's order
    ),
    # policy clauses and their applications (issue #21)
    Layers(
        Clause,
        t.policy_clause,
        {
            "org_unit": {"org_unit_id"},
            "plan": {"plan_id"},
            "rule_targets": set(),  # policy_clause_target, role rule
            "serves": set(),  # policy_clause_target, role serves
            "group": {"exclusive_group"},
        },
    ),
    Layers(
        Application,
        t.policy_application,
        {
            "clause": {"clause_id"},
            "enterprise": {"enterprise_id"},
            "enterprise_name": set(),  # the registry's name, read with the row
            "org_unit": set(),  # the enterprise's org unit, read with the row
            "project": {"project_id"},
            "platform": {"platform_id"},
        },
    ),
    Layers(Fund, t.policy_fund, {"org_unit": {"org_unit_id"}}),
    # 考核 (issue #16): a stored scheme and a published run, each kept whole as JSON
    Layers(StoredScheme, t.assessment_scheme, {"scheme": {"content"}}),
    Layers(StoredPublication, t.assessment_publication, {"run": {"content"}}),
    Layers(
        FundInvestment,
        t.policy_fund_investment,
        {"fund": {"fund_id"}, "enterprise": {"enterprise_id"}, "project": {"project_id"}},
    ),
]
NAMES = [layers.record.__name__ for layers in LAYERS]


def mapped(record: type[object], renames: dict[str, set[str]]) -> set[str]:
    assert dataclasses.is_dataclass(record)
    names = {f.name for f in dataclasses.fields(record)}
    assert renames.keys() <= names, f"exceptions for fields {record.__name__} has not"
    return set().union(*(renames.get(name, {name}) for name in names))


@pytest.mark.parametrize("layers", LAYERS, ids=NAMES)
def test_every_field_has_a_column(layers: Layers) -> None:
    columns = {c.name for c in layers.table.columns} - {"id"} - layers.row_only
    assert mapped(layers.record, layers.columns) == columns


@pytest.mark.parametrize("layers", [x for x in LAYERS if x.model], ids=lambda x: x.model.__name__)
def test_every_field_is_in_the_file(layers: Layers) -> None:
    assert layers.model is not None
    assert mapped(layers.record, layers.model_fields) == set(layers.model.model_fields)


def test_every_domain_record_is_checked() -> None:
    from bioecon.domain import model

    records = {
        name
        for name, value in vars(model).items()
        if isinstance(value, type) and dataclasses.is_dataclass(value)
    }
    # SourceSpan lives inside Target; PlanBundle is the sum of the others
    others = {"ProjectRecord", "WorkItem", "WorkReport", "Notice", "NoticeStep", "Body"}
    others |= {"BodyMember", "TargetAdjustment"}  # (TargetAdjustment: domain/target_adjustment.py)
    others |= {"Clause", "Application", "Fund", "FundInvestment"}
    others |= {"StoredScheme", "StoredPublication"}  # (bioecon/store/assessments.py)
    others |= {"Evidence", "SelectionEntry"}  # domain/evidence.py, domain/project_selection.py
    assert records - {"SourceSpan", "PlanBundle"} == set(NAMES) - others


# --- round trips -----------------------------------------------------------------------

codes = st.from_regex(r"[A-Za-z0-9_.-]{1,10}", fullmatch=True)
texts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=10
)
maybe_texts = st.none() | texts
amounts = st.decimals(min_value=-(10**11), max_value=10**11, places=6)
years = st.integers(min_value=1949, max_value=2200)


@st.composite
def bundles(draw: st.DrawFn) -> PlanBundle:
    """A plan with its org units (parents declared before children), responsible units,
    indicators, targets and tasks, every optional field drawn set or unset."""
    org_codes = draw(st.lists(codes, min_size=1, max_size=4, unique=True))
    org_units = tuple(
        OrgUnit(
            code,
            draw(texts),
            draw(st.sampled_from(OrgLevel)),
            parent=draw(st.none() | st.sampled_from(org_codes[:n])) if n else None,
            division_code=draw(st.none() | st.from_regex(r"[0-9]{12}", fullmatch=True)),
            additive=draw(st.booleans()),
            name_en=draw(maybe_texts),
        )
        for n, code in enumerate(org_codes)
    )
    orgs = st.none() | st.sampled_from(org_codes)
    unit_codes = draw(st.lists(codes, max_size=3, unique=True))
    responsible = tuple(
        ResponsibleUnit(
            code, draw(texts), draw(orgs), tuple(draw(st.lists(texts, max_size=2, unique=True)))
        )
        for code in unit_codes
    )
    indicators = tuple(
        draw(indicator_of(code)) for code in draw(st.lists(codes, max_size=3, unique=True))
    )
    declared = [i.code for i in indicators]
    indicator_codes = st.none() | st.sampled_from(declared) if declared else st.none()
    targets = tuple(
        draw(target_of(key, indicator_codes, orgs))
        for key in draw(st.lists(codes, max_size=3, unique=True))
    )
    tasks = tuple(
        draw(task_of(key, unit_codes)) for key in draw(st.lists(codes, max_size=3, unique=True))
    )
    horizon = draw(st.none() | st.tuples(years, years))
    plan = Plan(
        draw(codes),
        draw(texts),
        draw(st.sampled_from(org_codes)),
        issuer=draw(maybe_texts),
        issued_on=draw(st.none() | st.dates(date(1949, 1, 1), date(2200, 12, 31))),
        horizon_start=horizon[0] if horizon else None,
        horizon_end=horizon[1] if horizon else None,
    )
    return PlanBundle(plan, org_units, responsible, indicators, targets, tasks)


def indicator_of(code: str) -> st.SearchStrategy[Indicator]:
    return st.builds(
        Indicator,
        st.just(code),
        texts,
        texts,
        st.sampled_from(IndicatorNature),
        st.sampled_from(ReportingBasis),
        st.sampled_from([p.value for p in PeriodType]),
        st.sampled_from(Aggregation),
        maybe_texts,
        maybe_texts,
    )


def target_of(
    key: str, indicators: st.SearchStrategy[str | None], orgs: st.SearchStrategy[str | None]
) -> st.SearchStrategy[Target]:
    spans = st.builds(SourceSpan, texts, st.integers(0, 10**6), st.integers(0, 10**6))
    return st.builds(
        Target,
        key=st.just(key),
        metric=texts,
        kind=st.sampled_from(TargetKind),
        op=st.sampled_from(TargetOp),
        value=amounts,
        unit=texts,
        indicator=indicators,
        subject=maybe_texts,
        subject_org_unit=orgs,
        subject_sector=maybe_texts,
        qualifier=maybe_texts,
        value_high=st.none() | amounts,
        baseline_value=st.none() | amounts,
        baseline_year=st.none() | years,
        deadline_year=st.none() | years,
        nature=st.none() | st.sampled_from(TargetNature),
        source=st.none() | spans,
        note=maybe_texts,
    )


@st.composite
def task_of(draw: st.DrawFn, key: str, unit_codes: list[str]) -> Task:
    """A task whose lead and co units are distinct responsible units of the plan."""
    named = draw(st.permutations(unit_codes))
    split = draw(st.integers(0, len(named)))
    return Task(
        key,
        draw(texts),
        section=draw(maybe_texts),
        text=draw(maybe_texts),
        lead_units=tuple(named[:split]),
        co_units=tuple(named[split:]),
        start=draw(st.none() | st.integers(0, 10**6)),
    )


@settings(max_examples=60, deadline=None)
@given(bundles())
def test_any_plan_survives_the_file_model(bundle: PlanBundle) -> None:
    assert planfile.to_bundle(planfile.from_bundle(bundle), None) == bundle


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(bundle=bundles())
def test_any_plan_survives_the_tables(app: Bioecon, bundle: PlanBundle) -> None:
    """Whatever the database holds already (earlier examples' plans and shared records)."""
    with app.transaction() as connection:
        plan_id = plan_store.save_plan(connection, bundle)
    with app.reading() as connection:
        assert plan_store.load_bundle(connection, plan_id) == bundle


# --- the registry's records through their tables -----------------------------------------

REGION = OrgUnit("R", "区", OrgLevel.CITY)
usccs = st.from_regex(r"[0-9A-Z]{18}", fullmatch=True)


maybe_dates = st.none() | st.dates(date(1949, 1, 1), date(2200, 12, 31))
LOADED_ON = date(2026, 12, 1)


@st.composite
def enterprises(draw: st.DrawFn) -> tuple[Enterprise, tuple[EnterpriseYear, ...]]:
    """An enterprise (flags in the sorted order the store gives) with some years of figures."""
    uscc = draw(usccs)
    enterprise = Enterprise(
        uscc,
        draw(texts),
        org_unit=draw(st.none() | st.just(REGION.code)),
        industry_code=draw(st.none() | st.from_regex(r"[0-9]{4}", fullmatch=True)),
        industry_code_edition=draw(texts),
        business_scope=draw(maybe_texts),
        founded_on=draw(st.none() | st.dates(date(1949, 1, 1), date(2200, 12, 31))),
        flags=tuple(
            sorted(
                EnterpriseFlag(name, draw(maybe_dates), draw(maybe_dates))
                for name in draw(st.lists(texts, max_size=3, unique=True))
            )
        ),
    )
    figures = st.none() | amounts.map(abs)
    years_of = tuple(
        EnterpriseYear(
            uscc,
            year,
            draw(figures),
            draw(figures),
            draw(figures),
            draw(st.none() | st.integers(0, 10**6)),
            draw(figures),
            draw(maybe_texts),
        )
        for year in sorted(draw(st.lists(years, max_size=3, unique=True)))
    )
    return enterprise, years_of


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(item=enterprises(), bulk=st.booleans())
@example(  # 16 significant digits: a float (as bulk inserts once sent on psycopg) drops the last
    item=(
        Enterprise("91430100000000001X", "甲", flags=()),
        (EnterpriseYear("91430100000000001X", 2025, valuation=Decimal("1000000000.000001")),),
    ),
    bulk=True,
)
def test_any_enterprise_survives_the_tables(
    app: Bioecon, item: tuple[Enterprise, tuple[EnterpriseYear, ...]], bulk: bool
) -> None:
    """Written one at a time (a merge) or in bulk (a first load), read back the same."""
    enterprise, years_of = item
    with app.transaction() as connection:
        org_ids = orgunits.upsert(connection, [REGION])
        connection.execute(delete(t.enterprise).where(t.enterprise.c.uscc == enterprise.uscc))
        if bulk:
            enterprise_store.insert_new(connection, [(enterprise, years_of)], org_ids, LOADED_ON)
        else:
            enterprise_store.save(
                connection,
                enterprise,
                years_of,
                existing=None,
                org_ids=org_ids,
                loaded_on=LOADED_ON,
            )
    with app.reading() as connection:
        stored = enterprise_store.fetch(connection, [enterprise.uscc])[enterprise.uscc]
    assert (stored.enterprise, tuple(stored.years.values())) == (enterprise, years_of)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(item=enterprises(), project=st.data())
def test_any_project_survives_the_tables(
    app: Bioecon, item: tuple[Enterprise, tuple[EnterpriseYear, ...]], project: st.DataObject
) -> None:
    enterprise, _ = item
    plan = Plan("p", "规划", REGION.code)
    drawn = project.draw(
        st.builds(
            Project,
            code=codes,
            name=texts,
            org_unit=st.none() | st.just(REGION.code),
            plan=st.just(plan.code),
            enterprise=st.none() | st.just(enterprise.uscc),
            stage=st.sampled_from(ProjectStage),
            total_investment=st.none() | amounts,
            start_year=st.none() | years,
            end_year=st.none() | years,
            category=maybe_texts,
        )
    )
    with app.transaction() as connection:
        plan_store.save_plan(connection, PlanBundle(plan, (REGION,)))
        connection.execute(delete(t.project))
        connection.execute(delete(t.enterprise).where(t.enterprise.c.uscc == enterprise.uscc))
        enterprise_store.insert_new(connection, [(enterprise, ())], {REGION.code: 1}, LOADED_ON)
        project_store.upsert_projects(connection, [drawn])
    with app.reading() as connection:
        assert project_store.plan_projects(connection, plan.code) == [drawn]


periods = st.one_of(
    st.builds(Period.month, years, st.integers(1, 12)),
    st.builds(Period.quarter, years, st.integers(1, 4)),
    st.builds(Period.of_year, years),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    period=periods,
    value=amounts,
    basis=st.sampled_from(ReportingBasis),
    sector=maybe_texts,
    status=st.sampled_from(ObservationStatus),
    source=texts,
    reported_by=maybe_texts,
    reported_at=st.datetimes(timezones=st.just(UTC)).map(lambda d: d.replace(microsecond=0)),
)
def test_any_observation_survives_the_tables(
    app: Bioecon,
    period: Period,
    value: Decimal,
    basis: ReportingBasis,
    sector: str | None,
    status: ObservationStatus,
    source: str,
    reported_by: str | None,
    reported_at: datetime,
) -> None:
    rev = Indicator("rev", "营业收入", "亿元")
    with app.transaction() as connection:
        org_id = orgunits.upsert(connection, [REGION])[REGION.code]
        indicator_id = indicators.upsert(connection, [rev])[rev.code]
        connection.execute(delete(t.observation))
        write = observation_store.ObservationWrite(
            indicator_id, org_id, sector or "", period, basis, value, status, source,
            reported_by, reported_at,
        )  # fmt: skip
        observation_store.save_observations(connection, [write])
    with app.reading() as connection:
        stored = observation_store.select_observations(connection, indicator_id=indicator_id)
    expected = Observation(
        rev.code, REGION.code, str(period), value, basis, sector, status, source, reported_by,
        reported_at,
    )  # fmt: skip
    assert [zoned(o) for o in stored] == [expected]


def zoned(observation: Observation) -> Observation:
    """SQLite hands the time back without its zone; what it keeps is the UTC wall time."""
    when = observation.reported_at
    assert when is not None
    return replace(observation, reported_at=when if when.tzinfo else when.replace(tzinfo=UTC))
