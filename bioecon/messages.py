"""Display strings in the reader's language (界面文字): page strings, the labels of domain
enumerations and the sentences of generated explanations, all from
``bioecon/data/strings.yaml``. The CLI speaks Chinese; the web pages follow ``?lang=``."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Literal

from bioecon.catalogs import display_strings
from bioecon.domain.messages import Message, Param

Lang = Literal["zh", "en"]
LANGUAGES: tuple[Lang, ...] = ("zh", "en")


def text(key: str, lang: Lang = "zh") -> str:
    """The string ``key`` of the catalogue in ``lang``; a missing key is a KeyError."""
    return display_strings()[key][lang]


def enum_key(value: StrEnum) -> str:
    """``status.met`` for Status.MET: the class name in snake_case, a dot, the value."""
    group = re.sub(r"(?<!^)(?=[A-Z])", "_", type(value).__name__).lower()
    return f"{group}.{value.value}"


def label(value: StrEnum, lang: Lang = "zh") -> str:
    """How people read an enumeration value: Status.MET → 达标 / Met."""
    return text(enum_key(value), lang)


def render(message: Message, lang: Lang = "zh") -> str:
    """A sentence with its parameters filled in, sentences inside it rendered first."""
    values = {name: _param(value, lang) for name, value in message.params.items()}
    return text(message.key, lang).format(**values)


def _param(value: Param, lang: Lang) -> str | int:
    if isinstance(value, Message):
        return render(value, lang)
    if isinstance(value, tuple):
        return text("explain.separator", lang).join(render(part, lang) for part in value)
    return value


def page_strings(lang: Lang) -> dict[str, str]:
    """The ``page.*`` strings without their prefix: what templates read as ``t.<name>``."""
    return {
        key.removeprefix("page."): values[lang]
        for key, values in display_strings().items()
        if key.startswith("page.")
    }
