"""Data entry (填报): what one unit reports for one period of a data set, with the unit's
previous period and the same period last year beside each field."""

from __future__ import annotations

from bioecon.app import Bioecon
from bioecon.domain.access import Action, Principal
from bioecon.domain.data_sets import DataSet, EntryField, EntrySheet
from bioecon.domain.periods import Period, PeriodType
from bioecon.errors import Forbidden, InvalidValue, NotFound
from bioecon.services._scope import permitted
from bioecon.store import data_sets as store
from bioecon.store import indicators, orgunits
from bioecon.store.migrate import ensure_current


def entry_sheet(
    app: Bioecon, *, actor: Principal, code: str, org_unit: str, period: Period
) -> EntrySheet:
    """The fields ``org_unit`` reports for ``period`` of data set ``code``; the caller must
    report (or manage plans) for the unit, and the unit must be assigned to the data set."""
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
        if not permitted(connection, actor, [Action.REPORT, Action.MANAGE_PLANS], [org_unit]):
            raise Forbidden(f"{actor.login} 无权为 {org_unit} 填报")
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
    return EntrySheet(data_set, org_unit, name, period, tuple(fields))


def _previous(data_set: DataSet, period: Period) -> Period:
    """The period reported before ``period``: with 1–2月合并, February follows December."""
    if data_set.jan_feb_combined and period.type is PeriodType.MONTH:
        if period.index == 1:
            raise InvalidValue("1–2月合并：1月不单独填报，请填报2月（1–2月）")
        if period.index == 2:
            return Period.month(period.year - 1, 12)
    return period.previous()
