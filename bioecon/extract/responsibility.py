"""Responsibility statements (责任单位) in every style plans write them, each style a named rule.

A rule finds statements on a page and carries its own examples (tests/extract/test_tasks.py
runs every rule's examples). The rules run in the order of ``RULES``; a statement overlapping
one already found is not read again, so the brackets of ``(责任单位：…)`` are not re-read as an
unlabelled list, nor a table cell holding ``牵头单位：…`` as a column cell. Adding a style means
adding a rule to ``RULES``. Unit lists are read by ``bioecon.extract.unit_lists``;
docs/extraction.md, "Tasks", gives the rules and their reasons.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from bioecon.extract.statement import Page, Statement
from bioecon.extract.task_tables import column_statements
from bioecon.extract.unit_lists import UnitList, unit_list
from bioecon.extract.unit_words import label_kind, label_pattern, label_start, label_word, words


@dataclass(frozen=True, slots=True)
class Example:
    """A text and what the rule reads from it: the units, the leading units, and the text at
    the marker (the label word, or the first unit). No units: the rule reads nothing."""

    text: str
    units: tuple[str, ...]
    lead: tuple[str, ...] = ()
    marker: str = ""


@dataclass(frozen=True, slots=True)
class StatementRule:
    name: str
    reason: str
    find: Callable[[Page], Iterator[Statement]]
    examples: tuple[Example, ...]


def find_statements(page: Page) -> list[Statement]:
    """Every statement of the page, in text order, each read by the first rule that finds it.
    Where the page says the first unit listed leads (列第一位者为牵头单位), a statement with no
    marks of its own is led by its first unit."""
    found: list[Statement] = []  # disjoint spans, kept in order of start
    starts: list[int] = []
    for rule in RULES:
        for statement in rule.find(page):
            index = bisect_left(starts, statement.span[1])
            if index == 0 or found[index - 1].span[1] <= statement.span[0]:
                found.insert(index, statement)
                starts.insert(index, statement.span[0])
    if page.first_leads:
        found = [s if s.lead else replace(s, lead=s.units[:1]) for s in found]
    return sorted(found, key=lambda s: s.marker)


def _labelled_style(page: Page, start: int, end: int, units: UnitList) -> str:
    kinds = {label_kind(label_word(m)) for m in label_pattern().finditer(page.view, start, end)}
    if kinds & {"lead", "co"}:
        return "lead-co"
    return "star" if units.starred else "label"


def _closing(view: str, opening: int) -> int | None:
    """The offset of the bracket closing the one at ``opening``, on the same line."""
    depth = 0
    for index in range(opening, len(view)):
        char = view[index]
        depth += (char == "(") - (char == ")")
        if depth == 0:
            return index
        if char == "\n":
            return None
    return None


@cache
def _bracketed_label() -> re.Pattern[str]:
    return re.compile(rf"\(\s*(?={label_pattern().pattern})")


def _find_bracketed_labels(page: Page) -> Iterator[Statement]:
    for match in _bracketed_label().finditer(page.view):
        close = _closing(page.view, match.start())
        if close is None:
            continue
        units = unit_list(page.text, page.view, match.end(), close, page.stars)
        label = label_pattern().match(page.view, match.end())
        if units.units and label is not None:
            style = _labelled_style(page, match.end(), close, units)
            span = (match.start(), close + 1)
            yield Statement(
                style,
                label_start(label),
                units.units,
                units.lead,
                span,
                page.line_start(match.start()),
            )


_BOUNDARY = "\t。;,.)】]([【"  # what may stand before a label that opens a statement (or a blank)


_FIELD = re.compile(r"[^\s:,。;、()]{2,8}:")  # 完成时限:, 分管领导: — a field of its own


def _body_end(view: str, start: int) -> int:
    """Where a label's units end: at 。, a tab (a table cell's end), the line's end, a closing
    bracket that opens nowhere in the body, or a field that is not a label of ours after a
    blank or a separator (责任单位：市发改委 完成时限：2025年底)."""
    depth = 0
    for index in range(start, len(view)):
        char = view[index]
        depth += (char == "(") - (char == ")")
        if char in "\n\t" or depth < 0 or (char == "。" and depth == 0):
            return index
        if char in " \u3000;," and depth == 0 and _foreign_field(view, index + 1):
            return index
    return len(view)


def _foreign_field(view: str, index: int) -> bool:
    field = _FIELD.match(view, index)
    return field is not None and label_pattern().match(view, index) is None


_FIELD_LINE = re.compile(r"[ \t\u3000]*[^\s:,。;]{2,8}:")  # 分管省领导:…, 完成时限:…


def _statement_end(view: str, label: re.Match[str]) -> int:
    """Where a bare label's statement ends: its units' end, or, when the next line or cell
    opens with a label of another kind (牵头单位：A / 配合单位：B), that label's units' end."""
    kinds = {label_kind(label_word(label))}
    end = _past_full_stop(view, _body_end(view, label.end()))
    while end < len(view) and view[end] in "\n\t":
        start = end + 1
        while start < len(view) and view[start] in " \u3000":
            start += 1
        following = label_pattern().match(view, start)
        if following is None or label_kind(label_word(following)) in kinds:
            break
        kinds.add(label_kind(label_word(following)))
        end = _past_full_stop(view, _body_end(view, following.end()))
    return end


def _past_full_stop(view: str, end: int) -> int:
    """A 。 closing the line (牵头责任单位:省发展改革委。) does not end the statement: the next
    line may name the assisting units (协同责任单位:…)."""
    if view.startswith("。", end) and view[end + 1 : end + 2] in ("\n", ""):
        return end + 1
    return end


def _previous_paragraph(page: Page, line_start: int) -> int:
    """The start of the nearest line above with text that is not a short field line of its
    own (分管省领导:林克庆, 完成时限:2025年底), else the line itself."""
    start = line_start
    while start > 0:
        index = start - 1
        while index > 0 and page.view[index - 1] in " \t\u3000\n":
            index -= 1
        if index == 0:
            return line_start
        start = page.line_start(index)
        if not _FIELD_LINE.match(page.view, start):
            return start
    return line_start


def _find_line_labels(page: Page) -> Iterator[Statement]:
    """Labels outside brackets; a pair (牵头单位：A；配合单位：B, on one line or two) is one
    statement."""
    read_to = 0
    for match in label_pattern().finditer(page.view):
        line_start = page.line_start(match.start())
        before = page.view[line_start : match.start()].strip(" \u3000")
        spaced = page.view[match.start() - 1 : match.start()] in (" ", "\u3000")
        if match.start() < read_to or (before and not spaced and before[-1] not in _BOUNDARY):
            continue
        end = _statement_end(page.view, match)
        units = unit_list(page.text, page.view, match.start(), end, page.stars)
        if not units.units:
            continue
        read_to = end
        own_line = before.strip("—-") == ""
        style = "trailing-line" if own_line else _labelled_style(page, match.start(), end, units)
        paragraph = _previous_paragraph(page, line_start) if own_line else line_start
        yield Statement(
            style, label_start(match), units.units, units.lead, (match.start(), end), paragraph
        )


@cache
def _role_pattern() -> re.Pattern[str]:
    vocabulary = words()
    roles = vocabulary.lead_roles + vocabulary.other_roles
    return re.compile("|".join(re.escape(word) for word in roles))


def _unlabelled_brackets(
    page: Page, where: Callable[[int, int], bool], accept: Callable[[UnitList], bool]
) -> Iterator[Statement]:
    """Brackets with no label (no colon) on one line, placed as ``where`` wants, whose units
    ``accept`` takes."""
    view = page.view
    for opening in (m.start() for m in re.finditer(r"\(", view)):
        close = _closing(view, opening)
        if close is None or ":" in view[opening:close] or not where(opening, close):
            continue
        units = unit_list(page.text, view, opening + 1, _list_end(view, opening, close), page.stars)
        if units.units and accept(units):
            yield Statement(
                "unlabelled",
                units.first,
                units.units,
                units.lead,
                (opening, close + 1),
                page.line_start(opening),
            )


def _list_end(view: str, opening: int, close: int) -> int:
    """Where an unlabelled list ends: at the bracket's close, or at a 。 before it, after which
    the bracket holds a remark (生态环境部指导，试点城市政府负责落实。以下均需…落实，不再列出)."""
    stop = view.find("。", opening, close)
    return close if stop < 0 else stop


def _find_role_lists(page: Page) -> Iterator[Statement]:
    """Brackets holding units and their roles, most units ending as unit names do:
    (A、B牵头，C按职责分工负责)."""
    return _unlabelled_brackets(
        page,
        lambda opening, close: bool(_role_pattern().search(page.view, opening, close)),
        lambda units: units.ends_in_role and 2 * units.names > len(units.units),
    )


_SENTENCE_END = "。!?;"  # 。！？； in the view


def _char_before(view: str, index: int) -> str:
    while index > 0 and view[index - 1] in " \u3000":
        index -= 1
    return view[index - 1] if index > 0 else ""


def _closes_a_line(page: Page, opening: int, close: int) -> bool:
    """Brackets right after a sentence's end with nothing but 。 after them on the line."""
    after = page.view[close + 1 : page.line_end(close)].strip(" \u3000。")
    return _char_before(page.view, opening) in _SENTENCE_END and not after


def _find_name_lists(page: Page) -> Iterator[Statement]:
    """Brackets closing a sentence at the line's end, holding only unit names: 。(发展局)."""
    return _unlabelled_brackets(
        page,
        lambda opening, close: _closes_a_line(page, opening, close),
        lambda units: units.names == len(units.units),
    )


RULES: tuple[StatementRule, ...] = (
    StatementRule(
        "bracketed-label",
        "括号内的责任单位 — a label word and colon in brackets, the units to the closing bracket",
        _find_bracketed_labels,
        (
            Example(
                "1.加强攻关。实施一批项目。(责任单位:市科技局、市发展改革委等按职责分工,下同)",
                ("市科技局", "市发展改革委"),
                marker="责任单位",
            ),
            Example(
                "建设一批重点实验室。（责任部门：区财政局（金融办、国资办）、相关区县市人民政府和园区管委会）",
                ("区财政局（金融办、国资办）", "相关区县市人民政府和园区管委会"),
                marker="责任部门",
            ),
            Example(
                "培育龙头企业。（牵头单位：市发展改革委；配合单位：市财政局、市商务局）",
                ("市发展改革委", "市财政局", "市商务局"),
                ("市发展改革委",),
                "牵头单位",
            ),
            Example(
                "推進產業集聚。（責任單位：☆經信局、科技局）標☆的為牽頭單位。",
                ("經信局", "科技局"),
                ("經信局",),
                "責任單位",
            ),
            Example(
                "推进平台建设。（责任单位：★市商务局、市财政局）",
                ("市商务局", "市财政局"),
                marker="责任单位",
            ),
            Example(
                "推进数据共享。（牵头：市数据局；配合：市公安局、市民政局）",
                ("市数据局", "市公安局", "市民政局"),
                ("市数据局",),
                "牵头",
            ),
            Example(
                "完善服务体系。（实施主体：市科技局牵头，市财政局、市税务局配合）",
                ("市科技局", "市财政局", "市税务局"),
                ("市科技局",),
                "实施主体",
            ),
        ),
    ),
    StatementRule(
        "line-label",
        "不在括号内的责任单位 — a label word and colon at a line's start or after a sentence, "
        "the units to 。, a tab or the line's end",
        _find_line_labels,
        (
            Example(
                "2.完善创新平台。建设一批重点实验室。\n责任单位：市科技局、市教育局\n",
                ("市科技局", "市教育局"),
                marker="责任单位",
            ),
            Example(
                "推进项目建设。牵头单位：市发展改革委；配合单位：市委组织部和市人社局。",
                ("市发展改革委", "市委组织部", "市人社局"),
                ("市发展改革委",),
                "牵头单位",
            ),
            Example(
                "強化要素保障。\n牽頭單位：縣發改局 配合單位：縣財政局、縣自然資源局\n",
                ("縣發改局", "縣財政局", "縣自然資源局"),
                ("縣發改局",),
                "牽頭單位",
            ),
            Example(
                "（三）推进数字化转型。\n牵头单位：省经信厅\n配合单位：省发展改革委、省财政厅\n",
                ("省经信厅", "省发展改革委", "省财政厅"),
                ("省经信厅",),
                "牵头单位",
            ),
            Example(
                "建设智慧园区。【责任单位】市科技局、市工信局\n",
                ("市科技局", "市工信局"),
                marker="责任单位",
            ),
            Example(
                "1.地区生产总值增长6%以上。\n部门分工:省发展改革委牵头,各地、各部门配合。\n",
                ("省发展改革委", "各地", "各部门"),
                ("省发展改革委",),
                "部门分工",
            ),
            Example(
                "3.建设数据中心。\n责任单位：市大数据局、市发展改革委 完成时限：2025年底\n",
                ("市大数据局", "市发展改革委"),
                marker="责任单位",
            ),
            Example(
                "4.扩大有效投资。\n牵头省领导：张三 牵头单位：省发展改革委 责任单位：省财政厅\n",
                ("省发展改革委", "省财政厅"),
                ("省发展改革委",),
                "牵头单位",
            ),
            Example(
                "3.社会消费品零售总额增长9%左右。\n牵头负责领导:张三。\n"
                "牵头责任单位:省商务厅。\n协同责任单位:省财政厅、省税务局等。\n",
                ("省商务厅", "省财政厅", "省税务局"),
                ("省商务厅",),
                "牵头责任单位",
            ),
            Example("各地要明确责任部门：细化分工，压实责任。", ()),
        ),
    ),
    StatementRule(
        "table-column",
        "任务表的责任单位列 — a tab-separated row under a header naming 责任单位/牵头单位/配合单位",
        column_statements,
        (
            Example(
                "序号\t重点任务\t牵头单位\t配合单位\n1\t建设创新平台\t市科技局\t市财政局、市教育局\n",
                ("市科技局", "市财政局", "市教育局"),
                ("市科技局",),
                "市科技局",
            ),
            Example(
                "序号\t工作任务\t责任单位\t完成时限\n1\t建设平台\t市科技局、市财政局\t2025年底\n",
                ("市科技局", "市财政局"),
                marker="市科技局",
            ),
            Example("指标\t单位\t2020年\t2025年\n产业规模\t亿元\t500\t1000\n", ()),
            Example(
                "序号\t改革举措\t主要内容\t指导部门\t推广范围\n一、科技金融方面（共 2 项）\n"
                "1\t专利质押融资\t建立风险补偿机制\t国家知识产权局、中国银保监会\t全国\n",
                ("国家知识产权局", "中国银保监会"),
                marker="国家知识产权局",
            ),
        ),
    ),
    StatementRule(
        "unlabelled-roles",
        "无标签的分工 — brackets holding only unit names, each group closed by a role word "
        "(A、B牵头，C按职责分工负责); units before 牵头 lead",
        _find_role_lists,
        (
            Example(
                "加快新材料产业发展（省工业和信息化厅、科技厅牵头，省发展改革委、财政厅按职责分工负责）",
                ("省工业和信息化厅", "科技厅", "省发展改革委", "财政厅"),
                ("省工业和信息化厅", "科技厅"),
                "省工业和信息化厅",
            ),
            Example(
                "完善冷链物流（市商务局牵头，各区县（市）人民政府负责）",
                ("市商务局", "各区县（市）人民政府"),
                ("市商务局",),
                "市商务局",
            ),
            Example("建设生物医药产业园（以下简称“产业园”）", ()),
            Example(
                "推行绿色设计。（工业和信息化部、市场监管总局指导）",
                ("工业和信息化部", "市场监管总局"),
                marker="工业和信息化部",
            ),
            Example(
                "完善回收网络。（商务部指导督促，供销合作总社参与）",
                ("商务部", "供销合作总社"),
                marker="商务部",
            ),
            Example(
                "健全管理机制。（省生态环境厅指导，各市政府负责落实。下同，不再列出）",
                ("省生态环境厅", "各市政府"),
                marker="省生态环境厅",
            ),
            Example("开展证书试点（院校外培训由人力资源社会保障部门负责）", ()),
            Example("实施技术改造（企业负责，政府补助）", ()),
        ),
    ),
    StatementRule(
        "unlabelled-names",
        "句末括号内的单位 — brackets closing a sentence at the line's end that hold only unit "
        "names, separated by 、 or / (。(政務司司長辦公室/勞工及福利局))",
        _find_name_lists,
        (
            Example(
                "- 鼠患主要黑點數目於 2023 年底前至少減半。(環境及生態局)\n",
                ("環境及生態局",),
                marker="環境及生態局",
            ),
            Example(
                "不少於 70% 取得進步。(政務司司長辦公室/勞工及福利局)\n地區事項統籌工作組\n",
                ("政務司司長辦公室", "勞工及福利局"),
                marker="政務司司長辦公室",
            ),
            Example(
                "香港房屋委員會(房委會)與轄下公共屋邨進行清潔行動。(房屋局)\n",
                ("房屋局",),
                marker="房屋局",
            ),
            Example("全面完成年度任务。（此件公开发布）\n", ()),
        ),
    ),
)
