"""A plan document's metadata read from its text: title, issuer, plan period, region (matched to
统计用区划代码) and a plan code made of region and period. Rules and their reasons:
docs/onboarding.md."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from bioecon.catalogs import divisions as division_table
from bioecon.domain.model import OrgLevel, OrgUnit
from bioecon.errors import InvalidInput, Problem
from bioecon.extract.normalise import shadow

# --- title and issuer -------------------------------------------------------------------------

# Lines that are never the title: the saved page's address, dates, press and portal headers.
_SKIP = re.compile(
    r"^(?:SOURCE:|来源|https?://|www\.|发布(?:时间|日期|机构)|字号|索引号|发文(?:字号|机关)|"
    r"主题分类|成文日期|分享|打印|关闭|【|[-—·•]\s*\d{4}|"  # "- 2024-04-19 08:54 长春发布"
    r"\d{4}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?(?:\s+[\d:]+)?$)"  # a date line
)
_TITLE_WORDS = ("计划", "方案", "规划", "意见", "纲要", "措施", "通知", "办法", "细则", "要点")
_PERIOD_TAIL = r"\s*[(（]\s*20\d\d\s*[—–\-－~～至到]+\s*20\d\d\s*年?\s*[)）]"
_NOTICE_HEAD = re.compile(r"^.*?关于(?:印发|转发|公布|发布)(?:.*?(?:制订|制定|起草)的)?")
_NOTICE_TAIL = re.compile(r"的通知$")
_QUOTED = re.compile(r"《([^《》]{4,120})》")
_ISSUER = re.compile(r"(?:人民政府|办公厅|办公室|管理委员会|管委会|委员会|[省市区县].{0,12}局)$")
_TITLE_LINES = 40  # a title stands in the document's head
_LONGEST_TITLE = 100


def _title_like(candidate: str) -> bool:
    bare = re.sub(f"{_PERIOD_TAIL}$", "", candidate).replace(" ", "")
    return bare.endswith(_TITLE_WORDS)


def _as_title(line: str) -> str | None:
    """The document title a head line names, if it names one."""
    if len(line) > _LONGEST_TITLE or line.endswith(("。", "：", ":", "，", ",", "；")):
        return None
    quoted = [str(q) for q in _QUOTED.findall(line) if _title_like(q)]
    if quoted:
        return quoted[0]
    # 关于印发南京市…行动计划(2021—2023年)的通知 names the plan inside it
    bare = _NOTICE_TAIL.sub("", _NOTICE_HEAD.sub("", line)).replace(" ", "")
    return bare if _title_like(bare) else None


def head_lines(text: str) -> list[str]:
    """The document's first non-empty lines, header lines (address, dates) left out."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:_TITLE_LINES]
    return [line for line in lines if not _SKIP.match(line)]


def document_title(text: str) -> str | None:
    """The title of the document: a head line that names a document (《…》, or a line ending in
    计划/方案/规划/意见/纲要/措施/通知 …, a notice's own title unwrapped); a title broken over two
    lines is joined. ``None`` when no head line names one."""
    lines = head_lines(text)
    for here, after in zip(lines, [*lines[1:], ""], strict=True):
        for candidate in (here, here + after):
            title = _as_title(candidate)
            if title:
                return title
    return None


def document_issuer(text: str) -> str | None:
    """The issuing body: the first head line that is an office's name (…人民政府办公厅)."""
    return next((line for line in head_lines(text) if _ISSUER.search(line)), None)


# --- plan period ------------------------------------------------------------------------------

_RANGE = re.compile(r"(20\d\d)\s*年?\s*[—–\-－~～至到]+\s*(20\d\d)\s*年")
_FIVE_YEAR_PLANS = {"十四五": (2021, 2025), "十五五": (2026, 2030), "十三五": (2016, 2020)}
_DEADLINE = re.compile(r"(?:到|至|截至)\s*(20\d\d)\s*年")
_ISSUED = re.compile(
    r"^(?:[-—·•]\s*)?(20\d\d)\s*(?:年|-)\s*(\d{1,2})\s*(?:月|-)\s*(\d{1,2})\s*日?(?:\s|$)"
)
_SPAN_WORDS = {"两年": 2, "三年": 3, "五年": 5}


def _title_period(title: str) -> tuple[int, int] | None:
    found = _RANGE.search(title)
    if found and int(found.group(1)) <= int(found.group(2)):
        return int(found.group(1)), int(found.group(2))
    return next((span for word, span in _FIVE_YEAR_PLANS.items() if word in title), None)


def issued_on(text: str) -> date | None:
    """The first date line of the document's head (2021年9月18日, - 2024-04-19 08:54)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:_TITLE_LINES]
    for found in filter(None, map(_ISSUED.match, lines)):
        try:
            return date(*(int(part) for part in found.groups()))
        except ValueError:
            continue  # 2021年2月30日: not a date
    return None


def plan_period(title: str, text: str, years: Iterable[int] = ()) -> tuple[int | None, int | None]:
    """(first year, last year) of the plan: a range or 十四五 in the title; else the range in the
    text that ends at the last deadline (到2025年, and ``years``, the targets' deadlines); else
    that deadline, from the year the document was issued or from 三年/五年 in the title."""
    titled = _title_period(title)
    if titled:
        return titled
    deadlines = [int(y) for y in _DEADLINE.findall(text)] + list(years)
    end = max(deadlines) if deadlines else None
    ranges = [(int(a), int(b)) for a, b in _RANGE.findall(text) if int(a) <= int(b)]
    matching = [r for r in ranges if end is None or r[1] == end]
    if matching:
        return matching[0]
    if end is None:
        return None, None
    issued = issued_on(text)
    if issued is not None and issued.year <= end:
        return issued.year, end
    span = next((n for word, n in _SPAN_WORDS.items() if word in title), None)
    return (end - span + 1 if span else None), end


# --- region -----------------------------------------------------------------------------------

# Suffixes a province or city is named without (南京 for 南京市); districts need their full name.
_SHORT_SUFFIX = re.compile(
    r"(?:省|市|地区|盟|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$"
)


def short_name(unit: OrgUnit) -> str:
    """The name without its level suffix (南京市 → 南京, 广西壮族自治区 → 广西), kept whole
    when fewer than two characters would be left (沛县)."""
    bare = _SHORT_SUFFIX.sub("", unit.name)
    return bare if len(bare) >= 2 else unit.name


def _names_of(unit: OrgUnit) -> set[str]:
    short = unit.level in (OrgLevel.PROVINCE, OrgLevel.CITY) or unit.name.endswith("市")
    return {unit.name, short_name(unit)} if short else {unit.name}


def _name_index(divisions: Mapping[str, OrgUnit]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for code, unit in divisions.items():
        for name in _names_of(unit):
            index.setdefault(name, []).append(code)
    return index


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    name: str
    codes: tuple[str, ...]  # every division of that name: more than one is ambiguous


def _mentions(text: str, index: Mapping[str, list[str]]) -> list[_Mention]:
    """Every division name in ``text``; where names overlap the longest wins (南京市 over 南京)."""
    found: list[_Mention] = []
    for name, codes in index.items():
        at = text.find(name)
        while at >= 0:
            found.append(_Mention(at, name, tuple(codes)))
            at = text.find(name, at + len(name))
    found.sort(key=lambda m: (m.start, -len(m.name)))
    kept: list[_Mention] = []
    for mention in found:
        if not kept or mention.start >= kept[-1].start + len(kept[-1].name):
            kept.append(mention)
    return kept


def region_chain(code: str, divisions: Mapping[str, OrgUnit]) -> tuple[OrgUnit, ...]:
    """The division and its ancestors, province first."""
    chain: list[OrgUnit] = []
    current: str | None = code
    while current is not None and current in divisions:
        chain.insert(0, divisions[current])
        current = divisions[current].parent
    return tuple(chain)


def _full_name(code: str, divisions: Mapping[str, OrgUnit]) -> str:
    return "".join(u.name for u in region_chain(code, divisions))


def _resolve(mention: _Mention, named: set[str], divisions: Mapping[str, OrgUnit]) -> list[str]:
    """The candidates of ``mention`` left once the text's other names decide (鼓楼区 with 南京)."""
    if len(mention.codes) == 1:
        return list(mention.codes)
    return [
        code
        for code in mention.codes
        if any(u.code in named for u in region_chain(code, divisions)[:-1])
    ]


def match_region(
    scopes: Iterable[str], text: str, divisions: Mapping[str, OrgUnit]
) -> tuple[OrgUnit, ...]:
    """The plan's region as a chain of divisions (province first). The scopes are tried in
    order (title, issuer, body); in the first that names a division, the most specific one
    named wins: in a title the first named, in the body the most often named. A name several
    divisions share is resolved by a province or city the text names, else refused."""
    index = _name_index(divisions)
    everywhere = _mentions(text, index)
    named = {m.codes[0] for m in everywhere if len(m.codes) == 1}
    for n, scope in enumerate(scopes):
        chosen = _choose(_mentions(scope, index), named, divisions, most_often=n == 2)
        if chosen is None:
            continue
        candidates = _resolve(chosen, named, divisions)
        if len(candidates) != 1:
            listed = ", ".join(f"{c} {_full_name(c, divisions)}" for c in chosen.codes)
            raise InvalidInput(
                "region",
                [
                    Problem(
                        "region",
                        f"'{chosen.name}' names several divisions ({listed}); name the province "
                        "or city in the text, or pass --region CODE",
                    )
                ],
            )
        return region_chain(candidates[0], divisions)
    raise InvalidInput(
        "region", [Problem("region", "the text names no province, city or county: pass --region")]
    )


def _choose(
    mentions: list[_Mention], named: set[str], divisions: Mapping[str, OrgUnit], *, most_often: bool
) -> _Mention | None:
    """In a title, the first mention that is no other's ancestor (南京市鼓楼区 → 鼓楼区); in the
    body, the division named most often among those named unambiguously, a city or county
    before a province."""
    resolved = {id(m): _resolve(m, named, divisions) for m in mentions}
    if most_often:
        clear = [m for m in mentions if len(resolved[id(m)]) == 1]
        local = [m for m in clear if divisions[resolved[id(m)][0]].level != OrgLevel.PROVINCE]
        clear = local or clear  # a city's plan names its province as context (湖南湘江新区)
        counts = Counter(resolved[id(m)][0] for m in clear)
        return max(clear, key=lambda m: counts[resolved[id(m)][0]], default=None)  # first of equals
    ancestors = {
        u.code
        for m in mentions
        for code in resolved[id(m)][:1]
        for u in region_chain(code, divisions)[:-1]
    }
    specific = [m for m in mentions if not set(resolved[id(m)][:1]) & ancestors]
    return specific[0] if specific else None


# --- code -------------------------------------------------------------------------------------


_CODE_SUFFIX = re.compile(r"(?:区|县|旗|自治县|自治州|自治旗)$")


def _pinyin(name: str) -> str:
    from pypinyin import lazy_pinyin  # its dictionaries take 0.4 s to load: only when used

    return re.sub(r"[^a-z0-9]", "", "".join(lazy_pinyin(name)).lower())


def plan_code(
    region: tuple[OrgUnit, ...],
    period: tuple[int | None, int | None],
    divisions: Mapping[str, OrgUnit],
) -> str:
    """``<region in pinyin>-<first year>-<last year>`` (南京市 2021—2023 → nanjing-2021-2023; the
    level suffix dropped: 金山区 → jinshan); a
    county whose name another county shares is prefixed by its city (nanjing-gulou-…); the
    years are those known (one, or none)."""
    unit = region[-1]
    bare = _CODE_SUFFIX.sub("", short_name(unit))
    words = [_pinyin(bare if len(bare) >= 2 else unit.name)]
    shared = sum(1 for d in divisions.values() if d.name == unit.name) > 1
    if shared and len(region) > 1:
        words.insert(0, _pinyin(short_name(region[-2])))
    words += [str(year) for year in period if year is not None]
    return "-".join(words)


# --- everything at once -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanMeta:
    code: str
    title: str
    issuer: str | None
    issued_on: date | None
    region: str  # org unit code
    org_units: tuple[OrgUnit, ...]  # the region's chain of divisions, province first
    horizon_start: int | None
    horizon_end: int | None


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _fallback_title(text: str, name: str | None) -> str:
    """A file named in Chinese names its plan (合肥市生物医药三年行动计划.txt); else the
    document's first head line."""
    if name and _CJK.search(name):
        return name
    return next(iter(head_lines(text)), name or "(无标题)")[:200]


def read_plan_meta(
    text: str,
    *,
    years: Iterable[int] = (),
    code: str | None = None,
    region: str | None = None,
    name: str | None = None,
) -> PlanMeta:
    """Title, issuer, period, region and code of a plan text; ``code`` and ``region`` (an org
    unit code: a division's brings its chain, any other is referred to as it is) override what
    the text says, ``name`` (the file's name without suffix) is the title when none is found."""
    divisions = division_table()
    found = _original(document_title(shadow(text)), text)
    title = found or _fallback_title(text, name)
    named = found or name or ""  # a preamble line stands in as title, but is not read as one
    issuer = document_issuer(text)
    simple = shadow(text)  # 長沙 read as 长沙, （２０２４ as (2024: the names and years as listed
    if region is None:
        chain = match_region([shadow(named), shadow(issuer or ""), simple], simple, divisions)
    else:
        chain = region_chain(region, divisions)
    start, end = plan_period(shadow(named), simple, years)
    if code is None:
        code = (
            plan_code(chain, (start, end), divisions)
            if chain
            else _code_of(str(region), start, end)
        )
    return PlanMeta(
        code=code,
        title=title,
        issuer=issuer,
        issued_on=issued_on(text),
        region=chain[-1].code if chain else str(region),
        org_units=chain,
        horizon_start=start,
        horizon_end=end,
    )


def _original(found: str | None, text: str) -> str | None:
    """A title found in the normalised text, as the document writes it where it can be located
    (長沙市…計劃), else as found."""
    at = shadow(text).find(found) if found else -1
    return text[at : at + len(found)] if found and at >= 0 else found


def _code_of(org_unit: str, *years: int | None) -> str:
    """An org unit code that is no division (a park: TM-KFQ) and the years: tm-kfq-2021-2023."""
    words = [re.sub(r"[^0-9a-z_-]+", "-", org_unit.lower()).strip("-")]
    return "-".join(words + [str(year) for year in years if year is not None])
