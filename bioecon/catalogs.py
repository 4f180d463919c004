"""Domain knowledge shipped as data files in ``bioecon/data`` (each says its source), read into
domain types. The only module that opens those files."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from bioecon.domain.access import RoleBook
from bioecon.domain.bounds import IndicatorBounds, RegistryBounds
from bioecon.domain.catalogue import CatalogueEntry, catalogue_entries
from bioecon.domain.evidence import EvidenceRules
from bioecon.domain.mapping import MappingRules, check_rules, rules_of
from bioecon.domain.model import OrgLevel, OrgUnit
from bioecon.domain.notices import NoticeBook
from bioecon.domain.progress import Thresholds
from bioecon.domain.project_selection import Criteria
from bioecon.domain.project_warnings import WarningBook
from bioecon.domain.projects import StageBook
from bioecon.domain.reporting_calendar import DueRule
from bioecon.domain.tasks import TaskBook
from bioecon.domain.tiers import TierRule, tier_rules
from bioecon.domain.units import UnitRegistry


def _data(name: str) -> Traversable:
    return resources.files("bioecon.data").joinpath(*name.split("/"))


@contextmanager
def data_file_path(name: str) -> Iterator[Path]:
    """A data file as a path on disk, for a reader that takes a file (the demo's data set)."""
    with resources.as_file(_data(name)) as path:
        yield path


def read_data_text(name: str) -> str:
    """The text (UTF-8) of the data file ``bioecon/data/<name>``; ``name`` may name a folder
    with ``/`` (``classification/sei2018_bio_structure.csv``)."""
    return _data(name).read_text(encoding="utf-8")


def read_data_file(name: str) -> Any:
    """Parse the YAML data file ``bioecon/data/<name>``."""
    return yaml.safe_load(read_data_text(name))


def seed_texts() -> dict[str, str]:
    """The seed plan texts of ``bioecon/data/seeds`` by file name, in name order."""
    names = sorted(item.name for item in _data("seeds").iterdir() if item.name.endswith(".txt"))
    return {name: read_data_text(f"seeds/{name}") for name in names}


@cache
def unit_registry() -> UnitRegistry:
    """The units of ``units.yaml``. Cached: the file is part of the installed package."""
    return UnitRegistry.from_records(read_data_file("units.yaml")["units"])


@cache
def progress_thresholds() -> Thresholds:
    """The default thresholds of ``progress.yaml`` (a plan may override them)."""
    return Thresholds.from_mapping(read_data_file("progress.yaml"))


def quality_settings() -> dict[str, Any]:
    """``quality.yaml``: outlier threshold and minimum points, severity per check."""
    data: dict[str, Any] = read_data_file("quality.yaml")
    return data


@cache
def uscc_departments() -> dict[str, Any]:
    """Known 登记管理部门/机构类别 codes (positions 1–2 of a credit code)."""
    data: dict[str, Any] = read_data_file("uscc_codes.yaml")["departments"]
    return data


@cache
def tier_catalogue() -> dict[str, TierRule]:
    """The tier rules of ``tiers.yaml``, by code."""
    return tier_rules(read_data_file("tiers.yaml")["tiers"])


@cache
def indicator_catalogue() -> dict[str, CatalogueEntry]:
    """指标目录: ``indicators.yaml`` and one registry indicator per tier rule, by code."""
    return catalogue_entries(read_data_file("indicators.yaml")["indicators"], tier_catalogue())


@cache
def mapping_rules() -> MappingRules:
    """``indicator_mapping.yaml``: the rules and confidences that map targets to indicators,
    checked against the catalogue."""
    rules = rules_of(read_data_file("indicator_mapping.yaml"))
    check_rules(rules, indicator_catalogue())
    return rules


@cache
def register_vocabulary() -> dict[str, Any]:
    """``registers.yaml``: the codes of platform types, categories and levels, and of approval
    kinds and classes, with their Chinese names."""
    data: dict[str, Any] = read_data_file("registers.yaml")
    return data


def published_figures() -> list[dict[str, Any]]:
    """Published figures (with source and quote) shown beside simulated series in the demo."""
    figures: list[dict[str, Any]] = read_data_file("demo/published.yaml")["figures"]
    return figures


@cache
def display_strings() -> dict[str, dict[str, str]]:
    """``strings.yaml``: every display string by key, each in ``zh`` and ``en``."""
    data: dict[str, dict[str, str]] = read_data_file("strings.yaml")
    return data


@cache
def divisions() -> dict[str, OrgUnit]:
    """The 统计用区划代码 of ``divisions.csv`` (provinces, prefectures, counties; source in its
    header) as org units by their 6-digit code, each with its 12-digit ``division_code``.
    Parks (county codes 71–79: 开发区, 高新区) are not additive."""
    lines = [line for line in read_data_text("divisions.csv").splitlines() if line[:1] != "#"]
    return {
        row["code"]: OrgUnit(
            code=row["code"],
            name=row["name"],
            level=OrgLevel(row["level"]),
            parent=row["parent"] or None,
            division_code=f"{row['code']}000000",
            additive=row["level"] != OrgLevel.PARK,
        )
        for row in csv.DictReader(io.StringIO("\n".join(lines)))
    }


@cache
def role_book() -> RoleBook:
    """The roles, their actions and scope kinds, and the review depth (``roles.yaml``)."""
    return RoleBook.from_data(read_data_file("roles.yaml"))


@cache
def security_policy() -> dict[str, Any]:
    """Password, lockout, session and token settings, with their source (``security.yaml``)."""
    data: dict[str, Any] = read_data_file("security.yaml")
    return data


@cache
def value_bounds() -> tuple[RegistryBounds, IndicatorBounds]:
    """``bounds.yaml``: the bounds of registry fields and of indicator values, with reasons."""
    data = read_data_file("bounds.yaml")
    return RegistryBounds.from_mapping(data["registry"]), IndicatorBounds.from_mapping(
        data["indicators"]
    )


@cache
def project_stages() -> StageBook:
    """``projects/stages.yaml``: the stage codelists per plan and the annual classes."""
    return StageBook.from_mapping(read_data_file("projects/stages.yaml"))


@cache
def project_warnings() -> WarningBook:
    """``projects/warnings.yaml``: the 序时进度 warning presets and the plans' choices."""
    return WarningBook.from_mapping(read_data_file("projects/warnings.yaml"))


@cache
def project_columns() -> dict[str, Any]:
    """``projects/columns.yaml``: the ledger's and the progress file's Chinese headers."""
    data: dict[str, Any] = read_data_file("projects/columns.yaml")
    return data


@cache
def release_rules() -> dict[str, tuple[DueRule, bool]]:
    """``reports/calendar.yaml``: when each kind of periodic report is due (发布日历), and
    whether January is published with February (1—2月合并)."""
    data: dict[str, dict[str, Any]] = read_data_file("reports/calendar.yaml")
    return {
        kind: (
            DueRule(**{k: v for k, v in rule.items() if k != "jan_feb_combined"}),
            bool(rule.get("jan_feb_combined", False)),
        )
        for kind, rule in data.items()
    }


@cache
def task_book() -> TaskBook:
    """``tasks/status_presets.yaml`` and ``tasks/cadence.yaml``: the task colour presets and
    the reporting cadence, with the plans' choices."""
    return TaskBook.from_mapping(
        read_data_file("tasks/status_presets.yaml"), read_data_file("tasks/cadence.yaml")
    )


@cache
def task_columns() -> dict[str, Any]:
    """``tasks/columns.yaml``: the Chinese headers of the task breakdown file."""
    data: dict[str, Any] = read_data_file("tasks/columns.yaml")
    return data


@cache
def notice_book() -> NoticeBook:
    """``tasks/notices.yaml``: the notice kinds (提示单, 督办单, 联系单), their reply days and
    what each escalates to."""
    return NoticeBook.from_mapping(read_data_file("tasks/notices.yaml"))


@cache
def task_evidence_rules() -> EvidenceRules:
    """``tasks/evidence.yaml``: the evidence files a task's progress report may carry."""
    data = read_data_file("tasks/evidence.yaml")
    return EvidenceRules.from_mapping(data, data["signatures"])


@cache
def selection_criteria() -> Criteria:
    """``projects/selection.yaml``: the criteria key projects are scored on in 每年遴选."""
    return Criteria.from_mapping(read_data_file("projects/selection.yaml"))


@cache
def progress_photo_rules() -> EvidenceRules:
    """``tasks/evidence.yaml`` ``photos``: the photos a key project's monthly progress may
    carry."""
    data = read_data_file("tasks/evidence.yaml")
    return EvidenceRules.from_mapping(data["photos"], data["signatures"])
