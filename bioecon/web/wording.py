"""What the pages say in words rather than codes: a 人工校正 note as sentences (主体由未填改为
长沙市), a quote cut with "…", an indicator by its name in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping

from bioecon.catalogs import display_strings, unit_registry
from bioecon.domain.corrections import FieldChange, read_correction_note
from bioecon.domain.model import Indicator, TargetKind
from bioecon.messages import Lang, label, text

QUOTE_LENGTH = 24  # characters of a target's quote in a table cell


def cut(quote: str, length: int = QUOTE_LENGTH) -> str:
    """``quote`` cut to ``length`` characters, with "…" where it was cut."""
    return quote if len(quote) <= length else quote[:length] + "…"


def indicator_name(indicator: Indicator, lang: Lang) -> str:
    """The indicator's name in ``lang`` (its Chinese name where it has no English one)."""
    return (indicator.name_en or indicator.name) if lang == "en" else indicator.name


def correction_words(
    note: str | None,
    lang: Lang,
    *,
    units: Mapping[str, str],
    indicators: Mapping[str, str],
) -> tuple[str, list[str]] | None:
    """A 人工校正 note as its reason and one sentence per changed field, the org units and
    indicators by their names; None for a note that is not a correction."""
    found = read_correction_note(note)
    if found is None:
        return None
    return found.why, [_change(c, lang, units, indicators) for c in found.changes]


def _change(
    change: FieldChange, lang: Lang, units: Mapping[str, str], indicators: Mapping[str, str]
) -> str:
    def value(raw: str | None) -> str:
        if raw is None:
            return text("page.correction_unset", lang)
        if change.field == "subject_org_unit":
            return units.get(raw, raw)
        if change.field == "indicator":
            return indicators.get(raw, raw)
        if change.field == "kind" and raw in TargetKind.__members__.values():
            return label(TargetKind(raw), lang)
        return raw

    key = f"correction_field.{change.field}"
    field = text(key, lang) if key in display_strings() else change.field
    return text("page.correction_change", lang).format(
        field=field, old=value(change.old), new=value(change.new)
    )


def unit_label(symbol: str, lang: Lang) -> str:
    """A unit by its symbol (亿元) in Chinese, by its English name (hundred million yuan) in
    English; a unit the registry does not know as written."""
    registry = unit_registry()
    return registry.get(symbol).name_en if lang == "en" and symbol in registry else symbol
