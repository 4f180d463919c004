"""The display-string catalogue (bioecon/data/strings.yaml): complete in both languages for
every enumeration value, reason code, check name, page string and message key the code uses."""

from __future__ import annotations

import importlib
import pkgutil
import re
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from string import Formatter

import pytest

import bioecon.domain
from bioecon.catalogs import display_strings
from bioecon.domain.ledger import LedgerReason
from bioecon.domain.messages import Message, clauses, month_label, year_label
from bioecon.domain.model import ProjectStage
from bioecon.domain.periods import Period
from bioecon.domain.progress import Status
from bioecon.domain.quality import QualityCheck, describe
from bioecon.messages import LANGUAGES, enum_key, label, page_strings, render

PACKAGE = Path(__file__).parents[1] / "bioecon"


def domain_enums() -> list[type[StrEnum]]:
    found: list[type[StrEnum]] = []
    for module in pkgutil.iter_modules(bioecon.domain.__path__, "bioecon.domain."):
        for value in vars(importlib.import_module(module.name)).values():
            if (
                isinstance(value, type)
                and issubclass(value, StrEnum)
                and value is not StrEnum
                and value.__module__ == module.name
            ):
                found.append(value)
    return found


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def test_the_walk_finds_the_enumerations_people_see() -> None:
    names = {enum.__name__ for enum in domain_enums()}
    assert {"Status", "OrgLevel", "ProjectStage", "IndicatorNature", "LedgerReason"} <= names
    assert "QualityCheck" in names and "Severity" in names


@pytest.mark.parametrize("enum", domain_enums(), ids=lambda enum: enum.__name__)
def test_every_domain_enumeration_value_reads_in_chinese_and_english(
    enum: type[StrEnum],
) -> None:
    strings = display_strings()
    for member in enum:
        key = enum_key(member)
        assert key in strings, f"{key} missing from bioecon/data/strings.yaml"
        assert all(strings[key].get(lang, "").strip() for lang in LANGUAGES), key


def test_every_entry_has_exactly_zh_and_en_with_the_same_parameters() -> None:
    for key, values in display_strings().items():
        assert set(values) == {"zh", "en"}, key
        assert all(isinstance(v, str) and v for v in values.values()), key
        assert fields(values["zh"]) == fields(values["en"]), key


def test_status_codes_are_stable_english_words() -> None:
    # the codes are a contract (status_code in the JSON, CSS classes); issue #10 adds missed
    assert [s.value for s in Status] == [
        "met",
        "on_track",
        "lagging",
        "at_risk",
        "missed",
        "no_data",
    ]
    assert [label(s) for s in Status] == ["达标", "正常", "滞后", "严重滞后", "未达标", "数据不足"]
    assert [label(s, "en") for s in Status] == [
        "Met",
        "On track",
        "Lagging",
        "At risk",
        "Missed",
        "No data",
    ]


def test_reason_codes_and_check_names_read_as_before() -> None:
    assert label(LedgerReason.BASE_ZERO) == "基期为零"
    assert label(LedgerReason.INCOMPLETE) == "下级单位数据不全"
    assert label(QualityCheck.CUMULATIVE_FALLS) == "累计值回落"
    assert label(QualityCheck.MISSING_PERIODS, "en") == "missing periods"
    assert enum_key(ProjectStage.UNDER_CONSTRUCTION) == "project_stage.under_construction"
    assert label(ProjectStage.UNDER_CONSTRUCTION) == "在建"


def test_messages_render_in_either_language() -> None:
    no_actual = Message("explain.no_actual", {"as_of": month_label(2025, 6)})
    assert render(no_actual) == "截至2025年6月无实际值"
    assert render(no_actual, "en") == "No actual value as of 2025-06"
    assert render(year_label(2024), "en") == "2024"
    met = clauses(
        Message("explain.actual", {"period": "2023", "actual": "4012", "unit": "亿元"}),
        Message("explain.met", {"target": "4000", "unit": "亿元"}),
    )
    assert render(met) == "2023实际4012亿元，已达到目标4000亿元"
    assert render(met, "en") == "2023 actual 4012 亿元; target of 4000 亿元 reached"


def test_every_message_key_in_the_code_is_in_the_catalogue() -> None:
    strings = display_strings()
    used = {
        key
        for path in PACKAGE.rglob("*.py")
        for key in re.findall(r'Message\(\s*"([\w.]+)"', path.read_text(encoding="utf-8"))
    }
    assert "explain.no_series" in used and "explain.met" in used  # the scan finds them
    assert sorted(used - set(strings)) == []


def test_every_page_string_a_template_reads_is_in_the_catalogue() -> None:
    used: set[str] = set()
    for path in (PACKAGE / "web" / "templates").glob("*.html"):
        template = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bt\.(\w+)", template))
        for names in re.findall(r"head\(t, \[([^\]]*)\]", template):  # header rows
            used |= set(re.findall(r"'(\w+)'", names))
    assert {"app", "skip", "status", "projects", "time_progress"} <= used
    for lang in LANGUAGES:
        assert sorted(used - set(page_strings(lang))) == [], lang


def test_quality_findings_read_in_either_language() -> None:
    period = Period.month(2024, 12)
    falls = describe("cumulative_falls", period, Decimal(300), Decimal(320), None, "2024-10")
    assert render(falls) == "2024-12累计值300低于2024-10的累计值320，累计值不应回落"
    assert render(falls, "en") == (
        "2024-12: the cumulative value 300 is below 320 of 2024-10; a cumulative value does not fall"
    )
    gap = describe("missing_periods", Period.month(2025, 7), None, None, 2.0, None)
    assert render(gap) == "缺报2025-07至2025-08（2期）"  # two months from 2025-07
    assert render(gap, "en") == "2025-07 to 2025-08 not reported (2 periods)"
