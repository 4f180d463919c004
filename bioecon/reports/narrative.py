"""A bulletin's text: its record read through the sentence patterns of an editable template
(``bioecon/data/reports/monthly.yaml``: headings, order and wording), into a
:class:`Document` of headings, paragraphs and tables that every renderer (.docx, PDF, HTML)
writes the same way. Every number comes from the record; none is computed here beyond
the difference of two growth rates the record holds."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from bioecon.catalogs import read_data_file
from bioecon.domain.model import TargetNature, TargetOp
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.progress import Status
from bioecon.domain.project_warnings import Colour
from bioecon.domain.tasks import TaskColour
from bioecon.errors import InvalidValue
from bioecon.messages import label
from bioecon.reports.numbers import amount, number, points, rate
from bioecon.reports.record import (
    EVALUATIONS,
    KIND_MONTHLY,
    KINDS,
    PACE_MONTHS,
    Bulletin,
    EvaluatedTarget,
    Headline,
)

TEMPLATES = "reports/{kind}.yaml"  # a template per kind: 月报, 季报, and one for both 评估
TEMPLATE = TEMPLATES.format(kind=KIND_MONTHLY)
_FILES = {kind: kind for kind in KINDS} | dict.fromkeys(EVALUATIONS, "evaluation")

Template = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Block:
    """A heading (``heading1``), a paragraph, a table (its first row the header) or a chart
    (its text the title, its rows the bars' labels and values)."""

    style: str
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    number: str
    issuer: str
    date: str
    blocks: tuple[Block, ...]
    fonts: Mapping[str, str]


def monthly_template() -> Template:
    """The shipped template of the monthly bulletin."""
    return template_of(KIND_MONTHLY)


def template_of(kind: str) -> Template:
    """The shipped template of a kind of bulletin (``bioecon/data/reports/<kind>.yaml``)."""
    if kind not in KINDS:
        raise InvalidValue(f"未知的报告种类 {kind}（可用：{'、'.join(KINDS)}）")
    found = read_data_file(TEMPLATES.format(kind=_FILES[kind]))
    assert isinstance(found, dict)
    return found


def compose(bulletin: Bulletin, *, issued_on: date, template: Template | None = None) -> Document:
    """The bulletin's document: the template's sections in its order."""
    used = template or template_of(bulletin.kind)
    blocks: list[Block] = []
    for index, name in enumerate(used["sections"]):
        if name not in SECTIONS:
            known = "、".join(SECTIONS)
            where = TEMPLATES.format(kind=_FILES[bulletin.kind])
            raise InvalidValue(f"{where} sections[{index}]：未知的章节 {name}（可用：{known}）")
        blocks += SECTIONS[name](bulletin, used[name], used["words"])
    blocks = _numbered(blocks, used["words"])
    fields = {
        "region_name": bulletin.region_name,
        "year": bulletin.year,
        "month": bulletin.month,
        "quarter": (bulletin.month - 1) // 3 + 1,
        "plan_title": bulletin.plan_title,
    }
    fields["kind_name"] = used.get("kinds", {}).get(bulletin.kind, "").format(**fields)
    return Document(
        title=used["title"].format(**fields),
        number=used["number"].format(**fields),
        issuer=used["issuer"].format(**fields),
        date=used["date"].format(year=issued_on.year, month=issued_on.month, day=issued_on.day),
        blocks=tuple(blocks),
        fonts=used["fonts"],
    )


def _numbered(blocks: list[Block], words: Template) -> list[Block]:
    """一、二、… before the headings of the sections that are there, in order."""
    numerals, pattern = str(words["numerals"]), str(words["heading"])
    found, count = [], 0
    for block in blocks:
        if block.style == "heading1":
            if count >= len(numerals):
                raise InvalidValue(f"{TEMPLATE} words.numerals：章节多于序号，请补充序号")
            block = Block("heading1", pattern.format(numeral=numerals[count], text=block.text))
            count += 1
        found.append(block)
    return found


def _span(month: int, words: Template) -> str:
    """1月, 1—6月: the months a 累计 covers (a template may name some: 前三季度)."""
    named = words.get("spans", {})
    if month in named:
        return str(named[month])
    return str(words["span_first"] if month == 1 else words["span"].format(month=month))


def _growth(value: float | None, words: Template) -> str:
    if value is None:
        return str(words["growth_missing"])
    shown = rate(value)
    if shown == "0.0":
        return str(words["growth_flat"])
    key = "growth_down" if shown.startswith("-") else "growth_up"
    return str(words[key].format(rate=shown.lstrip("-")))


def _pace(line: Headline, month: int, kind: str, words: Template) -> str:
    """，增速比1—9月加快0.5个百分点: the 累计同比 against a month earlier."""
    step = PACE_MONTHS[kind]  # 月报: a month before; 季报: a quarter before
    if line.ytd_yoy is None or line.ytd_yoy_before is None or month <= step:
        return ""
    change = points(line.ytd_yoy) - points(line.ytd_yoy_before)
    previous = _span(month - step, words)
    if change == 0:
        return str(words["pace_same"].format(previous=previous))
    key = "pace_faster" if change > 0 else "pace_slower"
    return str(words[key].format(previous=previous, points=abs(change)))


def _progress(completion: float, time_progress: float, words: Template) -> str:
    return _against_schedule(points(completion) - points(time_progress), words)


def _against_schedule(gap: Decimal, words: Template) -> str:
    """超时序进度3.0个百分点, 落后…, 与时序进度持平: a gap in percentage points, rounded."""
    if gap == 0:
        return str(words["level"])
    return str(words["ahead" if gap > 0 else "behind"].format(points=abs(gap)))


def _headline_text(line: Headline, bulletin: Bulletin, part: Template, words: Template) -> str:
    month = bulletin.month
    if line.cumulative:
        text = part["cumulative"].format(
            span=_span(month, words),
            subject=line.subject,
            ytd=amount(line.ytd, line.unit, words["missing"]),
            ytd_growth=_growth(line.ytd_yoy, words),
            pace=_pace(line, month, bulletin.kind, words),
            month=month,
            value=amount(line.value, line.unit, words["missing"]),
            growth=_growth(line.yoy, words),
        )
    else:
        text = part["stock"].format(
            month=month,
            subject=line.subject,
            value=amount(line.value, line.unit, words["missing"]),
            growth=_growth(line.yoy, words),
        )
    if (
        line.completion is not None
        and line.time_progress is not None
        and (line.deadline_year or bulletin.year) >= bulletin.year
    ):
        goal = (
            words["goal_yearly"]
            if line.deadline_year is None
            else words["goal_by"].format(deadline_year=line.deadline_year)
        )
        text += part["target"].format(
            subject=line.subject,
            goal=goal,
            completion=rate(line.completion),
            progress=_progress(line.completion, line.time_progress, words),
        )
    return str(text)


def _headlines(bulletin: Bulletin, part: Template, words: Template) -> list[Block]:
    blocks = [Block("heading1", part["heading"])]
    if not bulletin.headlines:
        return [*blocks, Block("paragraph", part["none"])]
    blocks += [
        Block("paragraph", _headline_text(h, bulletin, part, words)) for h in bulletin.headlines
    ]
    header = _header(part["table"], month=bulletin.month, span=_span(bulletin.month, words))
    rows = [
        (
            f"{h.subject}（{h.unit}）",
            number(h.value, h.unit),
            number(h.ytd, h.unit),
            rate(h.yoy),
            rate(h.ytd_yoy),
        )
        for h in bulletin.headlines
    ]
    return [*blocks, Block("table", rows=(header, *rows)), *_trend(bulletin, part, words)]


def _trend(bulletin: Bulletin, part: Template, words: Template) -> list[Block]:
    """The first headline's 当月 values over the year, when the template asks for it."""
    first = bulletin.headlines[0]
    if "chart" not in part or not first.trend:
        return []
    title = part["chart"].format(subject=first.subject, unit=first.unit)
    bars = tuple(
        (_month_label(period, words), number(value, first.unit)) for period, value in first.trend
    )
    return [Block("chart", title, bars)]


def _month_label(period: str, words: Template) -> str:
    """2026-03 → 3月; January shows its year (2026年1月)."""
    year, month = (int(part) for part in period.split("-"))
    key = "chart_january" if month == 1 else "chart_month"
    return str(words[key].format(year=year, month=month))


def _header(cells: list[str], **fields: object) -> tuple[str, ...]:
    return tuple(cell.format(**fields) for cell in cells)


def _targets(bulletin: Bulletin, part: Template, words: Template) -> list[Block]:
    counts = words["list_separator"].join(
        part["count"].format(status=label(Status(status)), n=n)
        for status, n in bulletin.statuses.items()
    )
    total = sum(bulletin.statuses.values())
    blocks = [
        Block("heading1", part["heading"]),
        Block("paragraph", part["counts"].format(total=total, counts=counts)),
    ]
    if not bulletin.lagging:
        return [*blocks, Block("paragraph", part["none_lagging"])]
    rows = [
        (
            t.metric,
            t.subject,
            rate(t.completion),
            rate(t.time_progress),
            label(Status(t.status)),
            t.responsible,
        )
        for t in bulletin.lagging
    ]
    return [
        *blocks,
        Block("paragraph", part["lagging"].format(n=len(bulletin.lagging))),
        Block("table", rows=(tuple(part["table"]), *rows)),
    ]


def _districts(bulletin: Bulletin, part: Template, words: Template) -> list[Block]:
    if not bulletin.districts:
        return []
    top = bulletin.districts[0]
    growing = [d for d in bulletin.districts if d.ytd_yoy is not None]
    fastest = max(growing, key=lambda d: d.ytd_yoy or 0.0) if growing else top
    lead = part["lead"].format(
        top=top.name,
        indicator=bulletin.district_indicator,
        ytd=amount(top.ytd, bulletin.district_unit),
        fastest=fastest.name,
        growth=_growth(fastest.ytd_yoy, words),
    )
    header = _header(part["table"], span=_span(bulletin.month, words), unit=bulletin.district_unit)
    rows = [
        (d.name, number(d.ytd, bulletin.district_unit), rate(d.ytd_yoy)) for d in bulletin.districts
    ]
    chart = (
        [
            Block(
                "chart",
                part["chart"].format(
                    span=_span(bulletin.month, words), unit=bulletin.district_unit
                ),
                tuple((d.name, number(d.ytd, bulletin.district_unit)) for d in bulletin.districts),
            )
        ]
        if "chart" in part
        else []
    )
    return [
        Block("heading1", part["heading"]),
        Block("paragraph", lead),
        Block("table", rows=(header, *rows)),
        *chart,
    ]


def _quality(bulletin: Bulletin, part: Template, words: Template) -> list[Block]:
    heading = Block("heading1", part["heading"])
    if not bulletin.quality_errors and not bulletin.quality_warnings:
        return [heading, Block("paragraph", part["none"])]
    counts = part["counts"].format(
        errors=bulletin.quality_errors, warnings=bulletin.quality_warnings
    )
    notes = [
        Block(
            "paragraph",
            part["note"].format(org_unit=q.org_unit, indicator=q.indicator, message=q.message),
        )
        for q in bulletin.quality
    ]
    return [heading, Block("paragraph", counts), *notes]


def _revisions(bulletin: Bulletin, part: Template, words: Template) -> list[Block]:
    if bulletin.earlier_report is None:
        return []
    fields = {"earlier": bulletin.earlier_report, "earlier_period": bulletin.earlier_period}
    heading = Block("heading1", part["heading"])
    if not bulletin.revisions:
        return [heading, Block("paragraph", part["none"].format(**fields))]
    rows = [
        (r.indicator, r.org_unit, r.period, number(r.earlier, r.unit), number(r.now, r.unit))
        for r in bulletin.revisions
    ]
    return [
        heading,
        Block("paragraph", part["lead"].format(n=len(bulletin.revisions), **fields)),
        Block("table", rows=(tuple(part["table"]), *rows)),
    ]


def _projects(bulletin: Bulletin, part: Template, words: Template) -> list[Block]:
    summary = bulletin.projects
    if summary is None:  # a bulletin published before the section existed
        return []
    heading = Block("heading1", part["heading"])
    if not summary.projects:
        return [heading, Block("paragraph", part["none"])]
    if summary.completion is None or summary.gap is None:
        investment = part["no_annual_plan"]
    else:
        investment = part["investment"].format(
            annual_plan=amount(summary.annual_plan / WAN_PER_YI, YI),
            span=_span(bulletin.month, words),
            completed=amount(summary.completed / WAN_PER_YI, YI),
            completion=rate(summary.completion),
            progress=_against_schedule(points(summary.gap), words),
        )
    starts = part["starts"].format(
        planned=summary.planned_starts,
        actual=summary.actual_starts,
        early=summary.early_starts,
        late=summary.late_starts,
    )
    blocks = [
        heading,
        Block("paragraph", part["lead"].format(n=summary.projects) + investment + starts),
    ]
    if not summary.warned:
        return [*blocks, Block("paragraph", part["none_warned"])]
    rows = [
        (
            p.name,
            p.responsible or words["missing"],
            number(p.annual_plan, WAN),
            number(p.completed, WAN),
            rate(p.completion),
            words["missing"] if p.gap is None else str(points(p.gap)),
            label(Colour(p.colour)),
            words["list_separator"].join(part["warning"][kind] for kind in p.warnings),
        )
        for p in summary.warned
    ]
    return [
        *blocks,
        Block("paragraph", part["warned"].format(red=summary.red, yellow=summary.yellow)),
        Block("table", rows=(tuple(part["table"]), *rows)),
    ]


def _tasks(bulletin: Bulletin, part: Template, words: Template) -> list[Block]:
    summary = bulletin.tasks
    if summary is None:  # a report published before the section existed
        return []
    heading = Block("heading1", part["heading"])
    if not summary.work_points + summary.sub_tasks:
        return [heading, Block("paragraph", part["none"])]
    counts = [
        part["count"].format(colour=part["colour"].format(colour=label(TaskColour(colour))), n=n)
        for colour, n in summary.colours.items()
    ]
    facts = [
        part[key].format(n=n)
        for key, n in (
            ("done", summary.done),
            ("overdue", summary.overdue),
            ("missing", summary.missing),
        )
        if n
    ]
    lead = part["lead"].format(
        day=_day_words(summary.as_of),
        work_points=summary.work_points,
        sub_tasks=summary.sub_tasks,
        counts=words["list_separator"].join(counts),
        facts=words["list_separator"].join(facts) if facts else part["no_facts"],
    )
    blocks = [heading, Block("paragraph", lead)]
    if not summary.lagging:
        return [*blocks, Block("paragraph", part["none_lagging"])]
    rows = [
        (
            t.title,
            t.lead or words["missing"],
            t.deadline or words["missing"],
            rate(t.percent),
            rate(t.schedule),
            str(t.missing),
            part["colour"].format(colour=label(TaskColour(t.colour))),
        )
        for t in summary.lagging
    ]
    return [
        *blocks,
        Block("paragraph", part["lagging"].format(n=len(summary.lagging))),
        Block("table", rows=(tuple(part["table"]), *rows)),
    ]


def _overview(bulletin: Bulletin, part: Template, words: Template) -> list[Block]:
    if bulletin.evaluated is None:
        return []  # a bulletin, not an evaluation
    counts: dict[str, int] = {}
    for item in bulletin.evaluated:
        counts[item.status] = counts.get(item.status, 0) + 1
    listed = words["list_separator"].join(
        part["count"].format(status=label(status), n=counts[status.value])
        for status in Status
        if status.value in counts
    )
    horizon = (
        part["horizon"].format(start=bulletin.horizon_start, end=bulletin.horizon_end)
        if bulletin.horizon_start and bulletin.horizon_end
        else ""
    )
    text = part["lead"].format(
        plan_title=bulletin.plan_title,
        horizon=horizon,
        year=bulletin.year,
        month=bulletin.month,
        total=len(bulletin.evaluated),
        counts=listed or part["no_targets"],
    )
    return [Block("heading1", part["heading"]), Block("paragraph", text)]


def _evaluated(bulletin: Bulletin, part: Template, words: Template) -> list[Block]:
    if bulletin.evaluated is None:
        return []
    heading = Block("heading1", part["heading"])
    if not bulletin.evaluated:
        return [heading, Block("paragraph", part["none"])]
    missing = words["missing"]
    rows = [
        (
            t.metric,
            t.subject,
            label(TargetNature(t.nature)) if t.nature else missing,
            _goal(t, words),
            missing
            if t.actual is None
            else part["actual"].format(
                value=amount(t.actual, t.unit), period=_period_words(t.actual_period)
            ),
            rate(t.completion),
            label(Status(t.status)),
        )
        for t in bulletin.evaluated
    ]
    notes = [
        Block(
            "paragraph",
            part["note"].format(n=n, subject=t.subject, metric=t.metric, explanation=t.explanation),
        )
        for n, t in enumerate(bulletin.evaluated, start=1)
    ]
    table = Block("table", rows=(tuple(part["table"]), *rows))
    return [heading, table, Block("paragraph", part["notes"]), *notes]


def _goal(target: EvaluatedTarget, words: Template) -> str:
    """不低于1200.00亿元（2027年）, 3—5个（每年）: what the plan set, as worked out."""
    if target.target is None:
        level = str(words["missing"])
    elif target.op == TargetOp.RANGE and target.target_high is not None:
        level = f"{number(target.target, target.unit)}—{amount(target.target_high, target.unit)}"
    else:
        shown = target.op if target.op in _COMPARED else TargetOp.EQ  # 翻番: the level worked out
        level = words["goal_ops"][shown].format(value=amount(target.target, target.unit))
    if target.deadline_year is None:
        return level + str(words["goal_each_year"])
    return level + str(words["goal_deadline"]).format(year=target.deadline_year)


_COMPARED = (TargetOp.GE, TargetOp.LE, TargetOp.APPROX)  # said with their words; others: 达到


def _period_words(text: str | None) -> str:
    """2026-10 → 2026年10月; a 累计's 2026-01/2026-10 → 2026年1—10月 (an evaluation's
    ``actual_period``)."""
    if not text:
        return ""
    first, _, last = text.partition("/")
    start = Period.parse(first)
    if not last:
        return start.label_zh
    end = Period.parse(last)
    if start.type is end.type is PeriodType.MONTH and start.year == end.year:
        return f"{start.year}年{start.index}—{end.index}月"
    return f"{start.label_zh}—{end.label_zh}"


def _adjustments(bulletin: Bulletin, part: Template, words: Template) -> list[Block]:
    if bulletin.evaluated is None:
        return []
    heading = Block("heading1", part["heading"])
    behind = [t for t in bulletin.evaluated if t.status in _BEHIND]
    if not behind:
        return [heading, Block("paragraph", part["none"][bulletin.kind])]
    lines = [
        Block(
            "paragraph",
            part["line"].format(
                subject=t.subject,
                metric=t.metric,
                goal=_goal(t, words),
                status=label(Status(t.status)),
                explanation=t.explanation,
                responsible=t.responsible,
            ),
        )
        for t in behind
    ]
    lead = part["lead"][bulletin.kind].format(n=len(behind))
    return [heading, Block("paragraph", lead), *lines]


def _adjusted(bulletin: Bulletin, part: Template, words: Template) -> list[Block]:
    if bulletin.adjusted is None:
        return []
    heading = Block("heading1", part["heading"])
    if not bulletin.adjusted:
        return [heading, Block("paragraph", part["none"])]
    lines = [
        Block(
            "paragraph",
            part["line"].format(
                subject=a.subject,
                metric=a.metric,
                old=_level(a.old_value, a.old_value_high, a.unit),
                new=_level(a.new_value, a.new_value_high, a.unit),
                approved_by=a.approved_by,
                approved_on=_day_words(a.approved_on),
                document=part["document"].format(document=a.document) if a.document else "",
                reason=a.reason,
            ),
        )
        for a in bulletin.adjusted
    ]
    return [heading, Block("paragraph", part["lead"].format(n=len(lines))), *lines]


def _level(value: Decimal, high: Decimal | None, unit: str) -> str:
    if high is None:
        return amount(value, unit)
    return f"{number(value, unit)}—{amount(high, unit)}"


def _day_words(day: str) -> str:
    """2026-06-30 → 2026年6月30日."""
    year, month, date_of = (int(part) for part in day.split("-"))
    return f"{year}年{month}月{date_of}日"


_BEHIND = (Status.AT_RISK.value, Status.MISSED.value)  # 严重滞后, 未达标: to act on or adjust


WAN, YI = "万元", "亿元"  # a project ledger keeps 万元; the bulletin states totals in 亿元
WAN_PER_YI = Decimal(10_000)

Section = Callable[[Bulletin, Template, Template], list[Block]]
SECTIONS: dict[str, Section] = {
    "headlines": _headlines,
    "targets": _targets,
    "districts": _districts,
    "quality": _quality,
    "revisions": _revisions,
    "projects": _projects,
    "tasks": _tasks,
    "overview": _overview,
    "evaluated": _evaluated,
    "adjustments": _adjustments,
    "adjusted": _adjusted,
}
