"""Policy use cases (政策条款库与政策兑现): load the clause register, list and show clauses,
file an application, take it through 审核 → 公示 → 兑付 (each step an audit event with who,
when and why), 免申即享 matching and its confirmation, the support ledger of an enterprise,
project or platform, the budget granted and paid by clause, org unit and year, and the
guidance funds (引导基金) with their investments and 返投 (docs/policies.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from bioecon.app import Bioecon
from bioecon.domain.access import Action, Principal
from bioecon.domain.audit import AuditAction, AuditEntity, AuditEvent
from bioecon.domain.funds import Fund, FundInvestment, FundStanding
from bioecon.domain.policies import (
    Application,
    ApplicationStatus,
    ApplicationStep,
    BudgetLine,
    Clause,
    Effect,
    EffectGroup,
    Match,
    SupportLine,
    application_key,
    next_status,
)
from bioecon.domain.policy_formulas import (
    Facts,
    eligibility_plain,
    formula_plain,
    used_facts,
    within_cap,
)
from bioecon.domain.registers import RegisterLoadReport
from bioecon.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem
from bioecon.services._audit import Change, record
from bioecon.services._scope import financial_units, reach, require_manager, units_for
from bioecon.store import Connection, audit, orgunits
from bioecon.store import policies as store
from bioecon.store.migrate import ensure_current
from bioecon.store.plans import find_plan_id

POLICY_RULE = "policy_rule"  # TargetKind.POLICY_RULE's stored value


def load_clauses(
    app: Bioecon, *, actor: Principal, origin: str, clauses: Sequence[Clause], source: str
) -> RegisterLoadReport:
    """Insert or update the clause register by code, all or nothing: org units, plans and
    targets known, ``rule_targets`` of kind ``policy_rule``; the caller must manage plans over
    every clause's org unit (and its stored one). Each created or changed clause is recorded."""
    with app.transaction() as connection:
        ensure_current(connection)
        problems = _clause_problems(connection, clauses)
        if problems:
            raise InvalidInput(source, problems)
        stored = store.clauses(connection, codes=[c.code for c in clauses])
        homes = [c.org_unit for c in clauses] + [c.org_unit for c in stored.values()]
        require_manager(connection, actor, homes)
        changed = [c for c in clauses if stored.get(c.code) != c]
        store.save_clauses(connection, changed)
        changes: list[Change] = []
        for clause in changed:
            before = stored.get(clause.code)
            action = AuditAction.CREATE if before is None else AuditAction.UPDATE
            old = None if before is None else _plain(before)
            changes.append((clause.code, action, old, _plain(clause)))
        record(connection, actor, origin, AuditEntity.POLICY_CLAUSE, changes)
        created = sum(1 for c in changed if c.code not in stored)
        return RegisterLoadReport(
            source, created, len(changed) - created, len(clauses) - len(changed)
        )


def _clause_problems(connection: Connection, clauses: Sequence[Clause]) -> list[Problem]:
    problems: list[Problem] = []
    known = orgunits.existing(connection, [c.org_unit for c in clauses])
    for n, clause in enumerate(clauses):
        where = f"clauses[{n}]（{clause.code}）"
        if clause.org_unit not in known:
            problems.append(Problem(where, f"org_unit：未知区域「{clause.org_unit}」"))
        if clause.plan is None:
            if clause.rule_targets or clause.serves:
                problems.append(Problem(where, "写了 rule_targets/serves，须同时写 plan"))
            continue
        if find_plan_id(connection, clause.plan) is None:
            problems.append(Problem(where, f"plan：未知规划「{clause.plan}」"))
            continue
        found = store.policy_rule_targets(
            connection, clause.plan, [*clause.rule_targets, *clause.serves]
        )
        for key in [*clause.rule_targets, *clause.serves]:
            if key not in found:
                problems.append(Problem(where, f"规划 {clause.plan} 中没有目标「{key}」"))
        for key in clause.rule_targets:
            if key in found and found[key][1] != POLICY_RULE:
                problems.append(
                    Problem(where, f"rule_targets：目标「{key}」不是政策条款（policy_rule）")
                )
    return problems


def _plain(clause: Clause) -> dict[str, object]:
    """A clause as the audit trail keeps it."""
    return {
        "name": clause.name,
        "issuer": clause.issuer,
        "document": clause.document,
        "article": clause.article,
        "valid_from": clause.valid_from.isoformat(),
        "valid_to": clause.valid_to.isoformat() if clause.valid_to else None,
        "org_unit": clause.org_unit,
        "plan": clause.plan,
        "rule_targets": list(clause.rule_targets),
        "serves": list(clause.serves),
        "eligibility": eligibility_plain(clause.eligibility),
        "formula": formula_plain(clause.formula),
        "year_cap": None if clause.year_cap is None else format(clause.year_cap, "f"),
        "group": clause.group,
    }


def list_clauses(app: Bioecon, *, actor: Principal) -> list[Clause]:
    """The clauses of the caller's scope and of the units above it (a district reads its
    city's clauses), by code."""
    with app.reading() as connection:
        ensure_current(connection)
        return list(store.clauses(connection, reach(connection, actor, Action.READ)).values())


@dataclass(frozen=True, slots=True)
class ClausePage:
    """A clause with its applications (of the caller's scope) and its budget lines."""

    clause: Clause
    applications: tuple[Application, ...]
    budget: tuple[BudgetLine, ...]


def clause_page(app: Bioecon, *, actor: Principal, code: str) -> ClausePage:
    """A clause, the applications under it of enterprises in the caller's scope and what was
    granted and paid; a clause the caller may not read is not found."""
    with app.reading() as connection:
        ensure_current(connection)
        clause = _readable_clause(connection, actor, code)
        where = reach(connection, actor, Action.READ)
        found = store.applications(connection, where, clause=code)
        lines = [b for b in store.budget(connection, where) if b.clause == code]
        shown = _shown_facts(connection, actor, found)
        return ClausePage(clause, tuple(shown), tuple(lines))


def _readable_clause(connection: Connection, actor: Principal, code: str) -> Clause:
    found = store.clauses(connection, reach(connection, actor, Action.READ), [code]).get(code)
    if found is None:
        raise NotFound(f"政策条款库中没有条款「{code}」")
    return found


def _shown_facts(
    connection: Connection, actor: Principal, items: Sequence[Application]
) -> list[Application]:
    """The applications with their data blank where the caller may not read the registry's
    financial fields (the award, which is made public in 公示, stays)."""
    shown = financial_units(connection, actor, [a.org_unit for a in items])
    return [a if a.org_unit in shown else replace(a, facts={}) for a in items]


def apply_for(
    app: Bioecon,
    *,
    actor: Principal,
    origin: str,
    clause: str,
    enterprise: str,
    year: int,
    today: date,
    project: str | None = None,
    platform: str | None = None,
) -> Application:
    """File an application (申报) of ``enterprise`` under ``clause`` for the registry data of
    ``year``: the clause valid on ``today``, the conditions met by that data, no other live
    application of the enterprise for the year under the clause or its group (同一事项不重复
    享受); the award computed by the formula, within what the yearly cap leaves. The caller
    must report for (or manage plans over) the enterprise's org unit. Recorded (``submit``)."""
    with app.transaction() as connection:
        ensure_current(connection)
        return _apply(connection, actor, origin, clause, enterprise, year, today, project, platform)


def _apply(
    connection: Connection,
    actor: Principal,
    origin: str,
    code: str,
    enterprise: str,
    year: int,
    today: date,
    project: str | None,
    platform: str | None,
) -> Application:
    clause = _readable_clause(connection, actor, code)
    facts, home = _facts(connection, actor, enterprise, year, project, platform)
    _require(connection, actor, [Action.REPORT, Action.MANAGE_PLANS], home, "申报")
    where = application_key(code, enterprise, year)
    if store.application(connection, code, enterprise, year) is not None:
        raise Conflict(f"{where}：该企业本年度已申报此条款（不可重复申报）")
    if clause.group:
        others = store.live_in_group(connection, clause.group, enterprise, year, code)
        if others:
            raise Conflict(
                f"{where}：同一事项不重复享受——已申报同组条款 {'、'.join(others)}（组 {clause.group}）"
            )
    financial = home in financial_units(connection, actor, [home])
    problems = _eligibility_problems(clause, facts, today, show=financial)
    if problems:
        raise InvalidInput(where, problems)
    computed = clause.formula.award(facts)
    granted = store.granted(connection, code, enterprise, year)
    award = None if computed is None else within_cap(computed, clause.year_cap, granted)
    name = store.enterprise_name(connection, enterprise)
    item = Application(
        code,
        enterprise,
        name,
        year,
        ApplicationStatus.SUBMITTED,
        computed,
        award,
        None,
        used_facts(facts, clause.fields()),
        project,
        platform,
        None,
        None,
        home,
    )
    store.insert_application(connection, item)
    record(
        connection,
        actor,
        origin,
        AuditEntity.POLICY_APPLICATION,
        [(item.key, AuditAction.SUBMIT, None, _state(item))],
    )
    return item


def _facts(
    connection: Connection,
    actor: Principal,
    enterprise: str,
    year: int,
    project: str | None,
    platform: str | None,
) -> tuple[Facts, str | None]:
    found = store.facts(connection, enterprise, year, project, platform)
    missing = f"企业名录中没有统一社会信用代码「{enterprise}」"
    if found is None:
        raise NotFound(missing)
    facts, home = found
    if home not in units_for(connection, actor, Action.READ, [home]):
        raise NotFound(missing)
    problems = []
    if project and store.linked_owner(connection, "project", project) != enterprise:
        problems.append(Problem("project", f"项目库中没有该企业的项目「{project}」"))
    if platform and store.linked_owner(connection, "platform", platform) != enterprise:
        problems.append(Problem("platform", f"平台名录中没有该企业的平台「{platform}」"))
    if problems:
        raise InvalidInput(enterprise, problems)
    return facts, home


def _eligibility_problems(
    clause: Clause, facts: Facts, today: date, *, show: bool
) -> list[Problem]:
    """Why the application may not be filed; the data used named only where the caller may
    read the registry's financial fields (``show``)."""
    problems = []
    if not clause.valid_on(today):
        until = clause.valid_to.isoformat() if clause.valid_to else "长期"
        problems.append(
            Problem(
                "clause", f"{today.isoformat()} 不在条款有效期内（{clause.valid_from} 至 {until}）"
            )
        )
    if not clause.eligibility.met(facts):
        shown = f"（所用数据：{used_facts(facts, clause.fields())}）" if show else ""
        problems.append(Problem("conditions", f"企业数据不满足申报条件{shown}"))
    return problems


def _require(
    connection: Connection,
    actor: Principal,
    actions: Sequence[Action],
    home: str | None,
    verb: str,
) -> None:
    """Forbidden unless the caller may take one of ``actions`` on org unit ``home``."""
    if not any(home in units_for(connection, actor, action, [home]) for action in actions):
        raise Forbidden(f"{actor.login} 无权{verb}该区域企业的政策兑现")


def _state(item: Application) -> dict[str, object]:
    """An application's state as its audit event keeps it (the data used included)."""
    return {
        "status": item.status.value,
        "computed": None if item.computed is None else format(item.computed, "f"),
        "award": None if item.award is None else format(item.award, "f"),
        "reason": item.reason,
        "facts": item.facts,
        "project": item.project,
        "platform": item.platform,
        "paid_on": item.paid_on.isoformat() if item.paid_on else None,
        "voucher": item.voucher,
    }


_STEP_ACTIONS = {
    ApplicationStep.APPROVE: ((Action.REVIEW,), AuditAction.APPROVE, "审核"),
    ApplicationStep.REJECT: ((Action.REVIEW, Action.MANAGE_PLANS), AuditAction.REJECT, "退回"),
    ApplicationStep.PUBLICIZE: ((Action.MANAGE_PLANS,), AuditAction.PUBLICIZE, "公示"),
    ApplicationStep.PAY: ((Action.MANAGE_PLANS,), AuditAction.PAY, "兑付"),
}


def take_step(
    app: Bioecon,
    *,
    actor: Principal,
    origin: str,
    clause: str,
    enterprise: str,
    year: int,
    step: ApplicationStep,
    award: Decimal | None = None,
    reason: str | None = None,
    paid_on: date | None = None,
    voucher: str | None = None,
) -> Application:
    """Take ``step`` on an application: 审核通过 (a reviewer; an ``award`` other than the
    computed one needs a ``reason``, and no award may pass the clause's yearly cap), 退回 (with
    a reason), 公示 and 兑付 (the plan office, with the payment's date and voucher). A step the
    status does not allow is a conflict. Recorded with who, when and the reason."""
    with app.transaction() as connection:
        ensure_current(connection)
        _readable_clause(connection, actor, clause)
        found = store.application(connection, clause, enterprise, year)
        key = application_key(clause, enterprise, year)
        if found is None or found.org_unit not in units_for(
            connection, actor, Action.READ, [found.org_unit]
        ):
            raise NotFound(f"没有政策兑现申请「{key}」")
        actions, audited, verb = _STEP_ACTIONS[step]
        _require(connection, actor, actions, found.org_unit, verb)
        reached = next_status(found.status, step)
        if reached is None:
            raise Conflict(f"{key}：{found.status.value} 状态的申请不能{verb}")
        changed = _stepped(connection, found, step, reached, award, reason, paid_on, voucher)
        store.update_application(connection, changed)
        old, new = _state(found), _state(changed)
        moved = [name for name in new if old[name] != new[name]]
        record(
            connection,
            actor,
            origin,
            AuditEntity.POLICY_APPLICATION,
            [(key, audited, {n: old[n] for n in moved}, {n: new[n] for n in moved})],
            reason=reason,
        )
        return changed


def _stepped(
    connection: Connection,
    found: Application,
    step: ApplicationStep,
    reached: ApplicationStatus,
    award: Decimal | None,
    reason: str | None,
    paid_on: date | None,
    voucher: str | None,
) -> Application:
    """The application after ``step``, or InvalidInput naming what the step lacks."""
    problems: list[Problem] = []
    given = (reason or "").strip() or None
    final = found.award
    if step is ApplicationStep.APPROVE:
        final = found.award if award is None else award
        if final is None:
            problems.append(Problem("award", "公式缺少所需数据，须填写核定金额并说明理由"))
        if final is not None and final != found.award and given is None:
            problems.append(Problem("reason", "核定金额与公式计算金额不同，须说明理由"))
        if final is not None and final < 0:
            problems.append(Problem("award", "核定金额不能为负"))
        if final is not None and not problems:
            problems += _cap_problems(connection, found, final)
    if step is ApplicationStep.REJECT and given is None:
        problems.append(Problem("reason", "退回须说明理由"))
    if step is ApplicationStep.PAY and paid_on is None:
        problems.append(Problem("paid_on", "兑付须填写兑付日期"))
    if problems:
        raise InvalidInput(found.key, problems)
    return replace(
        found,
        status=reached,
        award=final,
        reason=given if step is ApplicationStep.APPROVE and given else found.reason,
        paid_on=paid_on if step is ApplicationStep.PAY else found.paid_on,
        voucher=(voucher or None) if step is ApplicationStep.PAY else found.voucher,
    )


def _cap_problems(connection: Connection, found: Application, award: Decimal) -> list[Problem]:
    clause = store.clauses(connection, codes=[found.clause])[found.clause]
    granted = store.granted(connection, found.clause, found.enterprise, found.year)
    if clause.year_cap is not None and granted + award > clause.year_cap:
        left = max(Decimal(0), clause.year_cap - granted)
        return [
            Problem(
                "award",
                f"超过每户每年上限 {clause.year_cap} 万元（本年度已核定 {granted} 万元，"
                f"尚可核定 {left} 万元）",
            )
        ]
    return []


@dataclass(frozen=True, slots=True)
class ApplicationPage:
    """An application with its clause and every recorded step, oldest first."""

    application: Application
    clause: Clause
    history: tuple[AuditEvent, ...]


def application_page(
    app: Bioecon, *, actor: Principal, clause: str, enterprise: str, year: int
) -> ApplicationPage:
    """An application of an enterprise the caller may read, its clause and its history (who
    took each step, when, and why); its data blank without the financial fields' right."""
    with app.reading() as connection:
        ensure_current(connection)
        found_clause = _readable_clause(connection, actor, clause)
        key = application_key(clause, enterprise, year)
        found = store.application(connection, clause, enterprise, year)
        if found is None or found.org_unit not in units_for(
            connection, actor, Action.READ, [found.org_unit]
        ):
            raise NotFound(f"没有政策兑现申请「{key}」")
        shown = _shown_facts(connection, actor, [found])[0]
        events = audit.history_under(connection, AuditEntity.POLICY_APPLICATION, key)
        if not shown.facts:
            events = [replace(e, old_value=None, new_value=_no_facts(e.new_value)) for e in events]
        return ApplicationPage(shown, found_clause, tuple(e for e in events if e.record_key == key))


def _no_facts(value: object) -> dict[str, object] | None:
    if not isinstance(value, dict):
        return None
    return {k: v for k, v in value.items() if k not in ("facts", "computed")}


def match_clause(app: Bioecon, *, actor: Principal, clause: str, year: int) -> list[Match]:
    """免申即享: the enterprises of the caller's scope whose registry data of ``year`` meet
    the clause's conditions (selected in one query), each with the award the formula gives
    within what the yearly cap leaves and the data it used. Reads the registry's financial
    fields: the caller must be allowed to (``read_financials``)."""
    with app.reading() as connection:
        ensure_current(connection)
        found = _readable_clause(connection, actor, clause)
        where = reach(connection, actor, Action.READ_FINANCIALS)
        if where.nowhere:
            raise Forbidden(f"{actor.login} 无权查看企业财务数据，不能进行免申即享匹配")
        rows = store.matching(connection, found, year, where)
    matches = []
    for uscc, name, home, facts, granted, applied in rows:
        computed = found.formula.award(facts)
        award = None if computed is None else within_cap(computed, found.year_cap, granted)
        shown = used_facts(facts, found.fields())
        matches.append(Match(uscc, name, home, computed, award, shown, applied))
    return matches


def confirm_matches(
    app: Bioecon,
    *,
    actor: Principal,
    origin: str,
    clause: str,
    year: int,
    enterprises: Sequence[str],
    today: date,
) -> list[Application]:
    """The office confirms matched enterprises (免申即享): an application for each, filed as
    :func:`apply_for` files one (the same checks, caps and record), all in one transaction —
    one refused enterprise refuses them all."""
    with app.transaction() as connection:
        ensure_current(connection)
        return [
            _apply(connection, actor, origin, clause, uscc, year, today, None, None)
            for uscc in dict.fromkeys(enterprises)
        ]


def support_ledger(
    app: Bioecon,
    *,
    actor: Principal,
    enterprise: str | None = None,
    project: str | None = None,
    platform: str | None = None,
) -> list[SupportLine]:
    """扶持台账: the support of an enterprise, a project or a platform (or of every
    enterprise of the caller's scope), by year and clause: granted and paid, in 万元."""
    with app.reading() as connection:
        ensure_current(connection)
        where = reach(connection, actor, Action.READ)
        return store.support_lines(
            connection, where, enterprise=enterprise, project=project, platform=platform
        )


def budget_summary(app: Bioecon, *, actor: Principal) -> list[BudgetLine]:
    """资金兑现汇总: applications, granted and paid (万元) by clause, org unit and year, of the
    enterprises in the caller's scope (summed in SQL)."""
    with app.reading() as connection:
        ensure_current(connection)
        return store.budget(connection, reach(connection, actor, Action.READ))


def load_funds(
    app: Bioecon,
    *,
    actor: Principal,
    origin: str,
    funds: Sequence[Fund],
    investments: Sequence[FundInvestment],
    source: str,
) -> RegisterLoadReport:
    """Insert or update guidance funds (引导基金) by code with all their investments (the
    file's list replaces the stored one), all or nothing: regions, enterprises and projects
    known. An investment counts as 返投 when its enterprise lies in the fund's region. The
    caller must manage plans over every fund's region; each created or changed fund is
    recorded with its investments."""
    with app.transaction() as connection:
        ensure_current(connection)
        problems = _fund_problems(connection, funds, investments)
        if problems:
            raise InvalidInput(source, problems)
        stored = store.funds(connection, codes=[f.code for f in funds])
        require_manager(connection, actor, [f.org_unit for f in [*funds, *stored.values()]])
        placed = _placed(connection, {f.code: f for f in funds}, investments)
        before = {code: store.fund_investments(connection, code) for code in stored}
        changed = [
            f
            for f in funds
            if stored.get(f.code) != f
            or before.get(f.code)
            != sorted(
                [v for v in placed if v.fund == f.code], key=lambda v: (v.invested_on, v.enterprise)
            )
        ]
        store.save_funds(
            connection, changed, [v for v in placed if v.fund in {f.code for f in changed}]
        )
        changes: list[Change] = []
        for fund in changed:
            action = AuditAction.CREATE if fund.code not in stored else AuditAction.UPDATE
            mine = [v for v in placed if v.fund == fund.code]
            changes.append((fund.code, action, None, _fund_plain(fund, mine)))
        record(connection, actor, origin, AuditEntity.POLICY_FUND, changes)
        created = sum(1 for f in changed if f.code not in stored)
        return RegisterLoadReport(
            source, created, len(changed) - created, len(funds) - len(changed)
        )


def _fund_problems(
    connection: Connection, funds: Sequence[Fund], investments: Sequence[FundInvestment]
) -> list[Problem]:
    known = orgunits.existing(connection, [f.org_unit for f in funds])
    problems = [
        Problem(f"funds（{f.code}）", f"org_unit：未知区域「{f.org_unit}」")
        for f in funds
        if f.org_unit not in known
    ]
    firms = store.known_enterprises(connection, [v.enterprise for v in investments])
    projects = store.known_projects(connection, [v.project for v in investments if v.project])
    for v in investments:
        where = f"funds（{v.fund}）.investments（{v.enterprise} {v.invested_on}）"
        if v.enterprise not in firms:
            problems.append(Problem(where, f"企业名录中没有统一社会信用代码「{v.enterprise}」"))
        if v.project and v.project not in projects:
            problems.append(Problem(where, f"项目库中没有项目「{v.project}」"))
    keys = [(v.fund, v.enterprise, v.invested_on) for v in investments]
    if len(set(keys)) != len(keys):
        problems.append(Problem("investments", "同一基金同日对同一企业的投资重复"))
    return problems


def _placed(
    connection: Connection, funds: dict[str, Fund], investments: Sequence[FundInvestment]
) -> list[FundInvestment]:
    """The investments with ``local`` set: the enterprise's org unit in the fund's region."""
    homes = store.enterprise_units(connection, [v.enterprise for v in investments])
    chains = orgunits.chains(connection, [h for h in homes.values() if h])
    return [
        replace(v, local=funds[v.fund].org_unit in chains.get(homes.get(v.enterprise) or "", ()))
        for v in investments
    ]


def _fund_plain(fund: Fund, investments: Sequence[FundInvestment]) -> dict[str, object]:
    return {
        "name": fund.name,
        "manager": fund.manager,
        "org_unit": fund.org_unit,
        "size": format(fund.size, "f"),
        "committed": format(fund.committed, "f"),
        "paid_in": format(fund.paid_in, "f"),
        "reinvest_required": None
        if fund.reinvest_required is None
        else format(fund.reinvest_required, "f"),
        "investments": len(investments),
        "invested": format(sum((v.amount for v in investments), Decimal(0)), "f"),
    }


def fund_standings(app: Bioecon, *, actor: Principal) -> list[FundStanding]:
    """The guidance funds of the caller's region and those above it, each with its figures:
    invested, 返投 (invested in the fund's region) against the requirement, exits and what
    they returned (summed in SQL)."""
    with app.reading() as connection:
        ensure_current(connection)
        return store.fund_standings(connection, reach(connection, actor, Action.READ))


def support_effect(app: Bioecon, *, actor: Principal, clause: str, year: int, later: int) -> Effect:
    """What the enterprises granted support under ``clause`` for ``year`` did by ``later``
    (pooled revenue growth), beside comparable ones — those of the caller's scope whose data
    of ``year`` met the same conditions and were not granted: an association, never shown
    as the support's effect. Reads revenue: the caller must read financial fields."""
    if later <= year:
        raise InvalidInput("later", [Problem("later", f"比较年度 {later} 须晚于 {year}")])
    with app.reading() as connection:
        ensure_current(connection)
        found = _readable_clause(connection, actor, clause)
        where = reach(connection, actor, Action.READ_FINANCIALS)
        if where.nowhere:
            raise Forbidden(f"{actor.login} 无权查看企业财务数据，不能比较扶持前后")
        groups = store.effect_groups(connection, found, year, later, where)
    empty = (0, Decimal(0), Decimal(0))
    return Effect(
        clause,
        year,
        later,
        EffectGroup(*groups.get(True, empty)),
        EffectGroup(*groups.get(False, empty)),
    )
