"""Candidate reading: the candidate pattern (a number and a unit, or 翻番), and the rules that
take a candidate, reject it, mark it as a class threshold, and set its op."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from bioecon.catalogs import unit_registry
from bioecon.domain.model import TargetOp
from bioecon.extract.numerals import to_decimal
from bioecon.extract.rules.base import Decision, Example, Rule, first, taken
from bioecon.extract.rules.words import target_words

# A numeral starts where a digit run starts (the look-behind) and its runs are possessive, so a
# long run of digits is read once, not once per digit (16,000 digits took 129 s, now 0.03 s).
# A blank may group thousands (30 000個, 4 000, as 香港 and SI texts write them): one to three
# digits, then groups of exactly three after one blank.
NUMBER = (
    r"(?:(?<![\d.])\d{1,3}(?:[ \u00a0\u2009]\d{3})++(?![\d.])"
    r"|(?<![\d.])\d++(?:,\d{3})*+(?:\.\d++)?+|[零〇一二两三四五六七八九十百千]++)"
)
DASH = r"\s*(?:—{1,2}|-|~|至|到)\s*"
# Targets are amounts, counts, shares, areas, masses, power, percentage points and time limits:
# every unit of the registry (data/units.yaml) of those dimensions; not 倍 (翻番 has its own rule).
READ_DIMENSIONS = (
    "money_",
    "count_",
    "ratio",
    "area",
    "mass",
    "power",
    "energy",
    "length",
    "volume",
    "percentage_point",
    "duration_",
)
BARE_YI = "亿"  # 营业收入达到100亿: a bare 亿 after a number reads as 亿元 (not 1.08亿件)
_NOT_A_UNIT_AFTER = {"周": "年岁", "天": "然"}  # 3周年, 16周岁 and 天然 are not 周 or 天
CLAUSE_END = re.compile(r"[,，。;；:：!！?？\n]|——")  # what ends a clause
_DATE_AFTER = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}")


def unit_as_read(unit: str) -> str:
    """The unit a target is given for the unit word written (亿 → 亿元; a rate unit without the
    blanks by its slash, 万元/ 人年 → 万元/人年; others as written)."""
    return "亿元" if unit == BARE_YI else re.sub(r"\s", "", unit)


@cache
def candidate_pattern() -> re.Pattern[str]:
    names = unit_registry().names(*READ_DIMENSIONS)
    every = "|".join(re.escape(n) for n in unit_registry().names(""))
    # a rate unit may have a blank by its slash (万元/ 人年, a table header's line break)
    units = "|".join(
        re.escape(n).replace("/", r"\s*/\s*")
        + (f"(?![{_NOT_A_UNIT_AFTER[n]}])" if n in _NOT_A_UNIT_AFTER else "")
        for n in names
    )
    units += f"|{BARE_YI}(?!{every})"
    # 万 multiplies (1.2万家) unless it begins a unit (万元, 万人, 万亿元)
    wan_units = "|".join(re.escape(n[1:]) for n in names if n.startswith("万"))
    doubling = "|".join(re.escape(w) for w in target_words().multiples)
    # a range may repeat its unit (5%—20%, 3个—5个)
    return re.compile(
        rf"(?P<low>{NUMBER})(?:(?P<unit_low>{units})?{DASH}(?P<high>{NUMBER}))?\s*"
        rf"(?P<mult>万(?!{wan_units}))?(?P<more>[余多])?(?P<unit>(?(unit_low)(?P=unit_low)|(?:{units})))"
        rf"|(?P<double>{doubling})"
    )


@dataclass(frozen=True, slots=True)
class Candidate:
    value: Decimal
    value_high: Decimal | None
    unit: str
    op: TargetOp
    end: int  # after the unit and any 以上/左右


@dataclass(frozen=True, slots=True)
class ReadSite:
    """A match of the candidate pattern in the shadow ``view``, with the text around it."""

    view: str
    match: re.Match[str]
    before: str  # the 12 characters before it
    after: str  # the 12 characters after it

    @property
    def chinese(self) -> bool:
        return not self.match.group("low")[0].isdigit()

    @property
    def money(self) -> bool:
        return unit_registry().measures(unit_as_read(self.match.group("unit")), "money_")


def read_site(view: str, match: re.Match[str]) -> ReadSite:
    start, end = match.span()
    return ReadSite(view, match, view[max(0, start - 12) : start], view[end : end + 12])


def _doubling(site: ReadSite) -> Candidate | None:
    double = site.match.group("double")
    if not double:
        return None
    times = target_words().multiples[double]
    return Candidate(times, None, "倍", TargetOp.TIMES, site.match.end())


DOUBLING = Rule(
    "doubling",
    "翻一番/翻番/倍增 doubling: op x, value 2 (翻两番: 4, 减半: 0.5), unit 倍",
    _doubling,
    (
        Example("到2025年,产业规模翻一番。", "翻一番", "taken"),
        Example("到2027年,全球首发产品实现倍增。", "倍增", "taken"),
        Example("到2025年,产值比2020年翻两番。", "翻两番", "taken"),
        Example("于2023年底前,黑点数目至少减半。", "减半", "taken"),
    ),
)


def _colloquial_grade(site: ReadSite) -> bool | None:
    approximate = site.before.endswith("近")  # 近百家: about a hundred, a number
    return (site.chinese and site.match.group("low")[0] in "百千万" and not approximate) or None


def _chinese_count(site: ReadSite) -> bool | None:
    verb = target_words().chinese_count_verbs.search(site.before)
    return (site.chinese and not site.money and not verb) or None


def _grade(site: ReadSite) -> bool | None:
    return site.after.startswith("级") or None


def _part_of_number(site: ReadSite) -> bool | None:
    start = site.match.start()
    return (
        start > 0 and (site.view[start - 1].isdigit() or site.view[start - 1] in ".〔[(")
    ) or None


def _enumeration(site: ReadSite) -> bool | None:
    return site.before.rstrip().endswith("等") or None


def _dated_headline(site: ReadSite) -> bool | None:
    return bool(_DATE_AFTER.match(site.after)) or None


REJECTIONS: tuple[Rule[ReadSite, bool], ...] = (
    Rule(
        "colloquial_grade",
        "百亿/千亿 口语等级 colloquial grade (百亿级企业, 破百亿), not an amount",
        _colloquial_grade,
        (Example("力争破百亿。", "百亿", "rejected"),),
    ),
    Rule(
        "chinese_count_without_verb",
        "中文数字计数 a Chinese-numeral count (四个专题组) only counts after a target verb",
        _chinese_count,
        (Example("成立四个专题组。", "四个", "rejected"),),
    ),
    Rule(
        "grade",
        "级 a grade (千亿级产业集群, 10亿级), not a committed amount",
        _grade,
        (Example("培育10亿级企业。", "10亿", "rejected"),),
    ),
    Rule(
        "part_of_number",
        "编号 part of a document number or a code (〔2022〕, [10]); a number never starts "
        "inside a digit run (NUMBER's look-behind)",
        _part_of_number,
        (Example("见注释[10家企业]。", "10家", "rejected"),),
    ),
    Rule(
        "enumeration",
        "等N个 an enumeration of named items (等7个产业集聚区), not a target",
        _enumeration,
        (Example("建设生物医药、合成生物等7个产业集聚区。", "7个", "rejected"),),
    ),
    Rule(
        "dated_headline",
        "新闻标题 a web page's headline followed by its date (2024-05-01)",
        _dated_headline,
        (Example("全市新增企业10家 2024-05-01", "10家", "rejected"),),
    ),
)


def _ranged(site: ReadSite) -> tuple[TargetOp, str] | None:
    if site.match.group("high") is None:
        return None
    word = next((w for w, _ in target_words().op_after if site.after.startswith(w)), "")
    return TargetOp.RANGE, word


def _more_than(site: ReadSite) -> tuple[TargetOp, str] | None:
    return (TargetOp.GE, "") if site.match.group("more") else None


_JOINED = re.compile(r"^[\s、和及与,]*$")


def _distributed_op(site: ReadSite) -> tuple[TargetOp, str] | None:
    """分别超过350亿元和200亿元: the comparison after 分别 holds for every number of its list."""
    start = site.match.start()
    head = site.view[max(0, start - 60) : start]
    at = head.rfind("分别")
    if at == -1:
        return None
    rest = head[at + 2 :].removeprefix("给予")  # 分别给予最高100万元、200万元
    found = max(
        ((op, w) for op, words in target_words().op_before for w in words if rest.startswith(w)),
        key=lambda found: len(found[1]),
        default=None,
    )
    if found is None:
        return None
    between = candidate_pattern().sub("", rest[len(found[1]) :])
    between = "".join(between.split("以上")).replace("左右", "")
    return (found[0], "") if _JOINED.match(between) else None


_BASE = re.compile(r"^[^\d,，。;；:：、]{1,12}$")


def _word_before_base(site: ReadSite) -> tuple[TargetOp, str] | None:
    """不超过总投入30%, 不低于采购金额的30%: the comparison stands before the share's base."""
    if not unit_registry().measures(unit_as_read(site.match.group("unit") or ""), "ratio"):
        return None
    for op, words in target_words().op_before:
        # a word of two characters or more, not of op =: 超 in 超出额0.5% is not a comparison
        for word in (w for w in words if len(w) > 1 and op is not TargetOp.EQ):
            at = site.before.rfind(word)
            if at != -1 and _BASE.match(site.before[at + len(word) :]):
                return op, ""
    return None


def spaced_prefix(text: str, word: str) -> str:
    """The start of ``text`` that spells ``word``, a blank allowed between its characters
    (以 上: a PDF line break inside the word), or "" when it does not start with it."""
    at = 0
    for char in word:
        if at < len(text) and text[at] == " " and at > 0:
            at += 1
        if at >= len(text) or text[at] != char:
            return ""
        at += 1
    return text[:at]


def _word_after(site: ReadSite) -> tuple[TargetOp, str] | None:
    for word, op in target_words().op_after:
        written = spaced_prefix(site.after, word)
        if written:
            return op, written
    return None


def _word_before(op: TargetOp) -> Rule[ReadSite, tuple[TargetOp, str]]:
    words = dict(target_words().op_before)[op]

    def decide(site: ReadSite) -> tuple[TargetOp, str] | None:
        before = site.before.rstrip()
        if before.endswith(words):
            return op, ""
        # 至少建设一所, 不少于培育10家: the comparison before the verb
        verb = target_words().chinese_count_verbs.search(before)
        if op is TargetOp.EQ or verb is None:
            return None
        return (op, "") if before[: verb.start()].endswith(words) else None

    return Rule(
        f"op_before_{op.name.lower()}",
        f"{'/'.join(words)} before the number (or before its verb): op {op}",
        decide,
        (),
    )


def _op_rules() -> tuple[Rule[ReadSite, tuple[TargetOp, str]], ...]:
    before = {op: _word_before(op) for op, _ in target_words().op_before}
    examples = {
        TargetOp.LE: Example("单个项目最高1000万元。", "1000万元", "op <="),
        TargetOp.APPROX: Example("到2025年,引进人才约500名。", "500名", "op ~"),
        TargetOp.GE: Example("到2025年,产业规模突破2000亿元。", "2000亿元", "op >="),
        TargetOp.EQ: Example("到2025年,产业规模达到4000亿元。", "4000亿元", "op ="),
    }
    return (
        Rule(
            "range",
            "区间 a range (1—2个, 3至5家): op range, 以上/左右 after it kept in the quote",
            _ranged,
            (Example("到2025年,新增1—2个特色集群。", "1—2个", "op range"),),
        ),
        Rule(
            "op_more",
            "余/多 after the number (100余家, 50多个): more than it, op >=",
            _more_than,
            (Example("到2020年,形成了20多家大型企业。", "20多家", "op >="),),
        ),
        Rule(
            "op_after",
            "以上/左右/以下/以内 after the unit: that op, over any word before (达到50%以上 is >=)",
            _word_after,
            (
                Example("到2025年,培育10家以上孵化器。", "10家", "op >="),
                Example("到2022年,增加值达到4万亿元以 上,基本建成。", "4万亿元", "op >="),
            ),
        ),
        Rule(
            "op_distributed",
            "分别 the comparison after 分别 holds for each number of its list (分别超过350亿元和200亿元)",
            _distributed_op,
            (Example("甲和乙规模分别超过350亿元和200亿元。", "200亿元", "op >="),),
        ),
        *(Rule(r.name, r.reason, r.decide, (examples[op],)) for op, r in before.items()),
        Rule(
            "op_before_base",
            "不超过总投入30% a comparison before the base of a share: that op",
            _word_before_base,
            (Example("给予不超过总投入30%的经费支持。", "30%", "op <="),),
        ),
        Rule(
            "op_default",
            "无比较词 no comparison word: op =",
            lambda _: (TargetOp.EQ, ""),
            (Example("到2025年,上市企业10家。", "10家", "op ="),),
        ),
    )


@cache
def op_rules() -> tuple[Rule[ReadSite, tuple[TargetOp, str]], ...]:
    """The op rules in the order tried (the word lists from target_words.yaml)."""
    return _op_rules()


def _value(text: str | None, multiplier: Decimal) -> Decimal | None:
    if text is None:
        return None
    value = to_decimal(text)
    if value is None:
        raise ValueError(f"not a number: {text}")  # NUMBER only matches numerals
    return value * multiplier


def _with_unit(site: ReadSite) -> bool | None:
    return site.match.group("low") is not None or None


AMOUNT = Rule(
    "number_with_unit",
    "数字+单位 a number with a unit of amount, count or % (4000亿元, 25个, 3%)",
    _with_unit,
    (
        Example("到2025年,产业规模达到4000亿元。", "4000亿元", "taken"),
        Example("到2025年,新增两个平台。", "两个", "taken"),
        Example("到2025年,新增企業3—5個。", "3—5個", "taken"),
        Example("政府會興建約 30 000個公營房屋單位。", "30 000個", "taken"),
    ),
)


def _op(found: tuple[TargetOp, str]) -> str:
    return f"op {found[0]}"


def read_amount(site: ReadSite, decisions: list[Decision]) -> Candidate:
    """The value, range and op of a number that was neither rejected nor a threshold."""
    first((AMOUNT,), site, decisions, taken)
    match = site.match
    multiplier = Decimal(10_000) if match.group("mult") else Decimal(1)
    value = _value(match.group("low"), multiplier)
    high = _value(match.group("high"), multiplier)
    assert value is not None
    found = first(op_rules(), site, decisions, _op)
    op, tail = found if found is not None else (TargetOp.EQ, "")
    return Candidate(value, high, unit_as_read(match.group("unit")), op, match.end() + len(tail))
