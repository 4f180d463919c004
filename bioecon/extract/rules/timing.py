"""Time limits that are operating conditions (满6个月后, 在12个月内, 印发之日起30天内), not
targets; a time limit a plan commits to shorten (审评时限压缩至40个工作日以内) stays a target."""

from __future__ import annotations

from bioecon.catalogs import unit_registry
from bioecon.extract.rules.base import Example, Rule
from bioecon.extract.rules.reading import ReadSite, unit_as_read
from bioecon.extract.rules.words import target_words


def _time_condition(site: ReadSite) -> bool | None:
    unit = unit_as_read(site.match.group("unit") or "")
    if not unit_registry().measures(unit, "duration_"):
        return None
    before = site.before.rstrip()
    if before.endswith(target_words().shortening_verbs):
        return None
    return (
        before.endswith(("满", "在", "于", "起", "后")) or site.after.startswith(("内", "后"))
    ) or None


REJECTIONS: tuple[Rule[ReadSite, bool], ...] = (
    Rule(
        "time_condition",
        "时限条件 a time limit as a condition (满6个月后, 在12个月内): an operating rule, not a target",
        _time_condition,
        (
            Example("项目正常运营满6个月后兑现奖励。", "6个月", "rejected"),
            Example("新建项目在12个月内开工。", "12个月", "rejected"),
        ),
    ),
)
