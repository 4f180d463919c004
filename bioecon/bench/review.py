"""`bioecon bench review`: the review and reporting queries of issue #13 at province scale
(goals in docs/performance.md).

On the synthetic province of `bench ledger` (169 org units, 122,808 observations), with its
last month (every reporting unit × 11 monthly indicators) back in the review queue and a
history of ``events`` audit events (a tenth of them failed logins from 1,000 addresses in the
last ten minutes, the rest steps on values), times on a fresh SQLite file and (when given) on
PostgreSQL:
(a) the review queue (待审核) of the admin, (b) of one city's reviewer;
(c) the reporting status (按时/逾期/催报) of a data set over every reporting unit × 11
    indicators × 72 months, (d) its on-time rates;
(e) a failed login, which counts the failures of its address in the history first;
(f) the latest return or reopening note of every queued value, from the history.
A spreadsheet has no such queries: there is no baseline to compare with.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from functools import partial

from bioecon.app import Bioecon
from bioecon.bench import synthetic
from bioecon.bench.harness import BenchRow, fresh, on_each_backend, timed, verdict
from bioecon.domain.access import Principal, Role, Scope
from bioecon.domain.audit import AuditAction, AuditEntity, AuditEvent
from bioecon.domain.data_sets import DataSet, on_time_rates_of
from bioecon.domain.model import OrgUnit
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.reporting_calendar import DueRule
from bioecon.domain.value_key import ValueKey
from bioecon.errors import NotAuthenticated
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.benchmark import queue_for_review, write_history, write_synthetic
from bioecon.services.data_sets import load_data_set, reporting_status
from bioecon.services.review import review_notes, review_queue
from bioecon.services.sessions import log_in

ORIGINS = 1_000  # client addresses the failed logins come from
QUERY_GOAL = 0.5  # seconds: a page's query on a projector, with room for the rest of the page
STATUS_GOAL = 2.0  # seconds: the reporting page over a province's whole calendar


def run_review_bench(
    *, postgres_url: str | None, events: int, scale: float = 1.0
) -> list[BenchRow]:
    return on_each_backend(
        lambda backend, url: _bench_backend(backend, url, events, scale), postgres_url
    )


def _bench_backend(backend: str, url: str, events: int, scale: float) -> list[BenchRow]:
    shape = synthetic.scaled_shape(scale)
    last = Period.month(shape.first_year + shape.months // 12 - 1, 12)
    with fresh(url) as app:
        world = synthetic.province(shape)
        written = write_synthetic(
            app,
            org_units=world.org_units,
            indicators=world.indicators,
            observations=world.observations,
            enterprises=(),
            rolled_up=synthetic.ROLLED_UP,
            reported_by=synthetic.REPORTED_BY,
        )
        queued = queue_for_review(app, period=last)
        rows = [
            BenchRow(backend, f"generate: {written} values, {queued} queued", 0, written, "", "")
        ]
        rows += _queues(app, backend)
        rows += _calendar(app, backend, shape, world.org_units)
        keys = _queued_keys(world, last)
        write_history(app, events=_history(events, keys))
        rows += _history_reads(app, backend, events, keys)
        return rows


def _queues(app: Bioecon, backend: str) -> list[BenchRow]:
    rows = []
    city = Principal("bench-city", Role.REVIEWER, Scope("S-01"))
    for name, actor in (("admin", LOCAL_ADMIN), ("one city's reviewer", city)):
        queue, seconds = timed(partial(review_queue, app, actor=actor))
        rows.append(
            BenchRow(
                backend,
                f"(a/b) review queue of the {name}: {queue.total} waiting, {len(queue.values)} shown",
                seconds,
                queue.total,
                f"< {QUERY_GOAL} s",
                verdict(seconds < QUERY_GOAL),
            )
        )
    return rows


def _calendar(
    app: Bioecon, backend: str, shape: synthetic.SyntheticShape, units: tuple[OrgUnit, ...]
) -> list[BenchRow]:
    reporters = tuple(synthetic.reporting_units(units))
    monthly = tuple(synthetic.indicator_codes(shape)[:-1])
    data_set = DataSet(
        code="bench-monthly",
        name="模拟省月报",
        period_type=PeriodType.MONTH,
        indicators=monthly,
        org_units=reporters,
        due=DueRule(5),
        first_period=Period.month(shape.first_year, 1),
    )
    load_data_set(app, actor=LOCAL_ADMIN, data_set=data_set)
    today = date(shape.first_year + shape.months // 12, 1, 15)  # every month asked has ended
    standings, seconds = timed(
        partial(reporting_status, app, actor=LOCAL_ADMIN, code=data_set.code, today=today)
    )
    rates, rated = timed(partial(on_time_rates_of, standings))
    size = f"{len(reporters)} units × {len(monthly)} indicators × {shape.months} months"
    return [
        BenchRow(
            backend,
            f"(c) reporting status: {size} → {len(standings)} unit-months",
            seconds,
            len(standings),
            f"< {STATUS_GOAL} s",
            verdict(seconds < STATUS_GOAL),
        ),
        BenchRow(
            backend,
            f"(d) on-time rates of {len(rates)} units (from (c))",
            rated,
            len(rates),
            f"< {QUERY_GOAL} s",
            verdict(rated < QUERY_GOAL),
        ),
    ]


def _queued_keys(world: synthetic.SyntheticProvince, period: Period) -> list[ValueKey]:
    """The key of every monthly value of ``period`` (what :func:`queue_for_review` queued)."""
    monthly = [i for i in world.indicators if i.period_type == PeriodType.MONTH.value]
    return [
        ValueKey(i.code, unit, period, i.basis)
        for i in monthly
        for unit in synthetic.reporting_units(world.org_units)
    ]


def _history(count: int, keys: list[ValueKey]) -> list[AuditEvent]:
    """``count`` events: a tenth failed logins from :data:`ORIGINS` addresses in the last ten
    minutes, the rest returns, approvals and reopenings of the queued values."""
    rng = random.Random(20261202)
    now = datetime.now(UTC)
    steps = (AuditAction.APPROVE, AuditAction.REJECT, AuditAction.REOPEN, AuditAction.SUBMIT)
    events = []
    for n in range(count):
        at = now - timedelta(seconds=rng.uniform(0, 600))
        if n % 10 == 0:
            origin = f"web:10.0.{n % ORIGINS // 250}.{n % 250}"
            events.append(
                AuditEvent(
                    at, "nobody", origin, AuditEntity.SESSION, "nobody", AuditAction.LOGIN_FAILED
                )
            )
            continue
        key, action = rng.choice(keys), rng.choice(steps)
        reason = "请核实" if action in (AuditAction.REJECT, AuditAction.REOPEN) else None
        events.append(
            AuditEvent(
                at, "bench", "cli:bench", AuditEntity.OBSERVATION, str(key), action, reason=reason
            )
        )
    return events


def _history_reads(app: Bioecon, backend: str, events: int, keys: list[ValueKey]) -> list[BenchRow]:
    def failed_login() -> None:
        try:
            log_in(app, login="nobody", password="wrong password", origin="web:192.0.2.1")
        except NotAuthenticated:
            return
        raise AssertionError("a login of an unknown account was let in")

    _, login_seconds = timed(failed_login)
    notes, note_seconds = timed(partial(review_notes, app, actor=LOCAL_ADMIN, keys=keys))
    return [
        BenchRow(
            backend,
            f"(e) a failed login over a history of {events:,} events (the password check included)",
            login_seconds,
            events,
            f"< {QUERY_GOAL} s",
            verdict(login_seconds < QUERY_GOAL),
        ),
        BenchRow(
            backend,
            f"(f) the latest return/reopen note of {len(keys)} queued values → {len(notes)} notes",
            note_seconds,
            len(notes),
            f"< {QUERY_GOAL} s",
            verdict(note_seconds < QUERY_GOAL),
        ),
    ]
