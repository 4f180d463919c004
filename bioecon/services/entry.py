"""Data entry (填报): what one unit reports for one period of a data set, with the unit's
previous period and the same period last year beside each field; saving the form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from bioecon.app import Bioecon
from bioecon.domain.access import Action, Principal
from bioecon.domain.amounts import parse_amount
from bioecon.domain.data_sets import DataSet, EntryField, EntrySheet
from bioecon.domain.model import ObservationStatus
from bioecon.domain.observation_input import ObservationFile, ObservationRow, ObservationSource
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.reporting_calendar import due_date, locked
from bioecon.domain.review import editable
from bioecon.errors import Conflict, Forbidden, InvalidInput, InvalidValue, NotFound, Problem
from bioecon.services._bounds import bound_problem
from bioecon.services._scope import permitted
from bioecon.services.observations import load_observations
from bioecon.store import data_sets as store
from bioecon.store import indicators, orgunits
from bioecon.store.migrate import ensure_current


def entry_sheet(
    app: Bioecon, *, actor: Principal, code: str, org_unit: str, period: Period
) -> EntrySheet:
    """The fields ``org_unit`` reports for ``period`` of data set ``code``; the caller must
    report, review or manage plans for the unit (only a reporter or the plan office changes
    its values: :func:`save_entry`), and the unit must be assigned to the data set."""
    with app.reading() as connection:
        ensure_current(connection)
        found = store.listed(connection, code)
        if not found:
            raise NotFound(f"no data set '{code}'")
        data_set = found[0]
        if org_unit not in data_set.org_units:
            raise NotFound(f"data set {code} does not assign org unit '{org_unit}'")
        if period.type is not data_set.period_type:
            raise InvalidValue(f"data set {code} is reported by {data_set.period_type.value}")
        if not permitted(connection, actor, _SHEET_READERS, [org_unit]):
            raise Forbidden(f"{actor.login} 无权为 {org_unit} 填报")
        writable = bool(permitted(connection, actor, _WRITERS, [org_unit]))
        reviewable = bool(permitted(connection, actor, [Action.REVIEW], [org_unit]))
        known = indicators.by_code(connection, data_set.indicators)
        before, year_ago = _previous(data_set, period), period.same_period_last_year()
        stored = store.reported_values(
            connection, data_set.indicators, org_unit, [period, before, year_ago]
        )
        name = orgunits.tree(connection)[org_unit].name
    fields = []
    for code_ in data_set.indicators:
        indicator = known[code_][1]
        basis = indicator.basis.value
        now = stored.get((code_, str(period), basis))
        previous = stored.get((code_, str(before), basis))
        last_year = stored.get((code_, str(year_ago), basis))
        fields.append(
            EntryField(
                indicator,
                now[0] if now else None,
                now[1] if now else None,
                previous[0] if previous else None,
                last_year[0] if last_year else None,
            )
        )
    return EntrySheet(data_set, org_unit, name, period, tuple(fields), writable, reviewable)


_WRITERS = (Action.REPORT, Action.MANAGE_PLANS)
_SHEET_READERS = (*_WRITERS, Action.REVIEW)


def _previous(data_set: DataSet, period: Period) -> Period:
    """The period reported before ``period``: with 1–2月合并, February follows December."""
    if data_set.jan_feb_combined and period.type is PeriodType.MONTH:
        if period.index == 1:
            raise InvalidValue("1–2月合并：1月不单独填报，请填报2月（1–2月）")
        if period.index == 2:
            return Period.month(period.year - 1, 12)
    return period.previous()


@dataclass(frozen=True, slots=True)
class EntrySaved:
    """What a saved form changed: the fields written, and the status they now have."""

    written: tuple[str, ...]
    status: ObservationStatus


LOCKED = "{period} 已于 {day} 锁定（报送截止后 {days} 天），如需修改请联系规划办"
NOT_EDITABLE = {
    ObservationStatus.SUBMITTED: "已报送，待审核；如需修改请先撤回",
    ObservationStatus.APPROVED: "已审核通过（已锁定）；如需修改须由审核员重新打开",
}


def save_entry(
    app: Bioecon,
    *,
    actor: Principal,
    origin: str,
    code: str,
    org_unit: str,
    period: Period,
    values: Mapping[str, str],
    submit: bool,
    today: date | None = None,
) -> EntrySaved:
    """Save the form's values as drafts (保存草稿), or save and submit them (报送). Every field
    is checked as the importer checks a cell — a number in the indicator's unit, within its
    bounds — and a bad field refuses the whole form, each problem named by its field. A value
    already submitted or approved is not changed here (recall it, or have it reopened); a
    period past its lock day is closed to reporters."""
    sheet = entry_sheet(app, actor=actor, code=code, org_unit=org_unit, period=period)
    return _save(app, actor, origin, sheet, values, submit, today or date.today())


def _save(
    app: Bioecon,
    actor: Principal,
    origin: str,
    sheet: EntrySheet,
    values: Mapping[str, str],
    submit: bool,
    today: date,
) -> EntrySaved:
    """Save ``values`` into ``sheet`` (read once by the caller, form or upload)."""
    code, org_unit, period = sheet.data_set.code, sheet.org_unit, sheet.period
    rule = sheet.data_set.due
    if locked(period, rule, today) and not _manages(app, actor, org_unit):
        closed = due_date(period, rule) + timedelta(days=rule.lock_after_days or 0)
        message = LOCKED.format(period=period, day=closed, days=rule.lock_after_days)
        raise Conflict(message)
    rows, problems = _entered_rows(sheet, values)
    if problems:
        raise InvalidInput(f"{sheet.data_set.name} {sheet.org_unit_name} {period}", problems)
    if not rows:
        raise InvalidInput(
            f"{sheet.data_set.name} {sheet.org_unit_name} {period}",
            [Problem("", "没有填写任何数值")],
        )
    status = ObservationStatus.SUBMITTED if submit else ObservationStatus.DRAFT
    entered = ObservationFile(f"web:{code}/{org_unit}/{period}", tuple(rows), (), (), 0)
    load_observations(
        app, actor=actor, origin=origin, parsed=entered, status=status, reported_by=actor.login
    )
    return EntrySaved(tuple(r.indicator for r in rows), status)


def _manages(app: Bioecon, actor: Principal, org_unit: str) -> bool:
    with app.reading() as connection:
        return bool(permitted(connection, actor, [Action.MANAGE_PLANS], [org_unit]))


def _entered_rows(
    sheet: EntrySheet, values: Mapping[str, str]
) -> tuple[list[ObservationRow], list[Problem]]:
    """The filled-in fields as rows (an empty field is left as it is), and the problems,
    each located by its field (the indicator code), as the form shows them."""
    rows, problems = [], []
    for number, field in enumerate(sheet.fields, start=1):
        code = field.indicator.code
        text = (values.get(code) or "").strip()
        if not text:
            continue
        if field.status is not None and not editable(field.status):
            if field.value is None or text != str(field.value):
                problems.append(Problem(code, NOT_EDITABLE[field.status]))
            continue
        try:
            value = parse_amount(text)
        except InvalidValue as refused:
            problems.append(Problem(code, str(refused)))
            continue
        if (beyond := bound_problem(field.indicator, value)) is not None:
            problems.append(Problem(code, beyond))
            continue
        rows.append(
            ObservationRow(
                number, code, sheet.org_unit, sheet.period, value, None,
                field.indicator.basis, None, f"填报：{sheet.data_set.code}",
            )
        )  # fmt: skip
    return rows, problems


def upload_entry(
    app: Bioecon,
    *,
    actor: Principal,
    origin: str,
    code: str,
    org_unit: str,
    period: Period,
    parsed: ObservationSource,
    submit: bool,
    today: date | None = None,
) -> EntrySaved:
    """Save an uploaded entry template (填报模板) of this data set, unit and period exactly
    as the form would be saved: every row must belong to this sheet (its indicators, this
    unit, this period, each indicator once), and then the form's checks apply."""
    sheet = entry_sheet(app, actor=actor, code=code, org_unit=org_unit, period=period)
    problems: list[Problem] = []
    values: dict[str, str] = {}
    for piece in parsed.pieces():
        problems += piece.problems
        for row in piece.rows:
            where = f"第{row.row}行"
            if row.indicator not in sheet.data_set.indicators:
                problems.append(Problem(where, f"指标 {row.indicator} 不在本填报任务中"))
            elif row.org_unit != org_unit or row.period != period:
                problems.append(
                    Problem(
                        where,
                        f"本表只收 {org_unit} {period} 的数值（此行为 {row.org_unit} {row.period}）",
                    )
                )
            elif row.indicator in values:
                problems.append(Problem(where, f"指标 {row.indicator} 重复填写"))
            else:
                values[row.indicator] = str(row.value)
    if problems:
        raise InvalidInput(parsed.source, problems)
    return _save(app, actor, origin, sheet, values, submit, today or date.today())
